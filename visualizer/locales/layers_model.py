"""The layers page's model panels' strings, in English and 中文: the model builder, the output
shapes, stacking layers and the worked example.
"""

from visualizer.locales import by_language

TEXTS: dict[str, dict[str, str]] = {
    "layers.builder.title": {
        "en": "Exercise 23: model.summary()",
        "zh": "练习 23：model.summary()",
    },
    "layers.builder.what": {
        "en": (
            "SimpleRNN(units) → Dense(64, relu) → Dense(100, softmax) on input_shape = (timesteps, "
            "input_dim). The batch size is None until fit() supplies it. Param # counts the weights: "
            "kernel (input_dim × units), recurrent_kernel (units × units) and bias (units) for the "
            "SimpleRNN; no timesteps anywhere in it."
        ),
        "zh": (
            "SimpleRNN(units) → Dense(64, relu) → Dense(100, softmax)，input_shape = (timesteps, "
            "input_dim)。批次大小在 fit() 提供之前为 None。Param # 统计权重个数：SimpleRNN 有 "
            "kernel（input_dim × units）、recurrent_kernel（units × units）和 bias（units），"
            "其中完全不含时间步长。"
        ),
    },
    "layers.builder.total": {
        "en": "Total params: {total} at timesteps = {T}, the same at 1 or 1,000 timesteps.",
        "zh": "Total params：timesteps = {T} 时为 {total}，1 个或 1,000 个时间步都一样。",
    },
    "layers.builder.return_state": {
        "en": (
            "With return_state=True the layer returns two tensors, [output, state]. Keras's Sequential "
            "accepts only one output per layer, so in Keras you would write this with the functional "
            "API, out, state = SimpleRNN(...)(inputs), and feed out to the Dense layer as here. The "
            "parameter counts are the same."
        ),
        "zh": (
            "return_state=True 时，该层返回两个张量 [output, state]。Keras 的 Sequential 每层只接受一个"
            "输出，所以在 Keras 中要用函数式 API 来写：out, state = SimpleRNN(...)(inputs)，再像这里一样"
            "把 out 送入 Dense 层。参数个数相同。"
        ),
    },
    "layers.shapes.title": {
        "en": "Shapes: what comes out of a SimpleRNN",
        "zh": "形状：SimpleRNN 输出什么",
    },
    "layers.shapes.what": {
        "en": (
            "The input is always 3-D: (batch, timesteps, input_dim). With return_sequences=False the "
            "layer returns only the last step's output, (batch, units); with True, every step's, "
            "(batch, timesteps, units). return_state=True adds the final state, (batch, units). The "
            "highlighted row is the setting chosen in the sidebar."
        ),
        "zh": (
            "输入总是三维的：(batch, timesteps, input_dim)。return_sequences=False 时，该层只返回最后"
            "一个时间步的输出 (batch, units)；为 True 时返回每个时间步的输出 (batch, timesteps, units)。"
            "return_state=True 时再加上最终状态 (batch, units)。高亮的一行是侧边栏中选择的设置。"
        ),
    },
    "layers.shapes.figure": {
        "en": "SimpleRNN({units}) on input (None, {T}, {I})",
        "zh": "SimpleRNN({units})，输入 (None, {T}, {I})",
    },
    "layers.shapes.row": {
        "en": "return_sequences={seq}<br>return_state={state}",
        "zh": "return_sequences={seq}<br>return_state={state}",
    },
    "layers.shapes.output": {
        "en": "output",
        "zh": "输出",
    },
    "layers.shapes.state": {
        "en": "state",
        "zh": "状态",
    },
    "layers.stack.title": {
        "en": "Stacking needs return_sequences=True",
        "zh": "堆叠需要 return_sequences=True",
    },
    "layers.stack.what": {
        "en": (
            "A recurrent layer reads a sequence, so the layer below it must hand one over: "
            "return_sequences=True. Switch it off in the sidebar to see the error Keras raises."
        ),
        "zh": (
            "循环层读取的是序列，所以它下面的层必须交出一个序列：return_sequences=True。"
            "在侧边栏关掉它，就能看到 Keras 抛出的错误。"
        ),
    },
    "layers.stack.error": {
        "en": "This model cannot be built: {message}",
        "zh": "无法构建这个模型：{message}",
    },
    "layers.worked.title": {
        "en": "go_backwards and unroll, worked by hand",
        "zh": "手算 go_backwards 和 unroll",
    },
    "layers.worked.what": {
        "en": (
            "One linear unit with kernel 1 and recurrent_kernel 0.5, so s_t = x_t + 0.5 s_(t−1), on "
            "x = 1, 2, 3, 4. With go_backwards=True the layer reads 4, 3, 2, 1 and, with "
            "return_sequences=True, returns its outputs in that reading order (Keras does not flip "
            "them back). unroll=True replaces the loop over time by one copy of the step per "
            "timestep: faster for short sequences, more memory, the same numbers."
        ),
        "zh": (
            "一个线性单元，kernel 为 1，recurrent_kernel 为 0.5，即 s_t = x_t + 0.5 s_(t−1)，输入 "
            "x = 1, 2, 3, 4。go_backwards=True 时，该层按 4, 3, 2, 1 的顺序读取；若 "
            "return_sequences=True，输出也按这个读取顺序返回（Keras 不会再把它们翻转回来）。"
            "unroll=True 用每个时间步一份的步骤副本代替时间上的循环：短序列更快、更耗内存，数值相同。"
        ),
    },
    "layers.worked.step": {
        "en": "step",
        "zh": "步骤",
    },
    "layers.worked.read": {
        "en": "input read",
        "zh": "读入的输入",
    },
    "layers.worked.output": {
        "en": "output[step]",
        "zh": "output[步骤]",
    },
    "layers.worked.table": {
        "en": "go_backwards={backwards}, unroll={unroll}",
        "zh": "go_backwards={backwards}，unroll={unroll}",
    },
    "layers.worked.unroll_gap": {
        "en": "Largest difference between unroll=True and unroll=False: {gap:.1e}. Final state: {state:.4f}.",
        "zh": "unroll=True 与 unroll=False 的最大差异：{gap:.1e}。最终状态：{state:.4f}。",
    },
}

# The same table per language, the shape i18n.STRINGS merges.
STRINGS = by_language(TEXTS)

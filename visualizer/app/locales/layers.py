"""The layers page's strings, in English and 中文."""

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "layers.nav": "Keras layers",
        "layers.title": "The Keras SimpleRNN: shapes, shared weights, stateful training",
        "layers.what": (
            "This page does what Keras would do, without TensorFlow. Build the chapter's model of "
            "exercise 23 and read its model.summary(): move the timesteps from 1 to 1,000 and watch the "
            "output shapes change while Param # stays the same, because one set of weights serves "
            "every step. Then see what return_sequences, return_state, go_backwards and unroll do to "
            "the shapes and numbers, and why a stateful network needs its batches in order "
            "(exercise 24)."
        ),
        "layers.units": "SimpleRNN units",
        "layers.T": "timesteps",
        "layers.input_dim": "input_dim",
        "layers.seq": "return_sequences",
        "layers.state": "return_state",
        "layers.stack_seq": "Stacking example: return_sequences on the lower layer",
        "layers.backwards": "go_backwards",
        "layers.unroll": "unroll",
        "layers.epochs": "Exercise 24: epochs",
        "layers.seeds": "Exercise 24: seeds (repeats)",
        "layers.shuffle": "Exercise 24: shuffle the stateful run's batch order",
        "layers.preset.ex23": "Figure 5.30: SimpleRNN(64) on (10, 100)",
        "layers.preset.ex23_seq": "Figure 5.31: return_sequences=True",
        "layers.preset.ex23_1000": "Figure 5.32: 1,000 timesteps",
        "layers.preset.stack_error": "Stacking without return_sequences",
        "layers.preset.shuffle": "Stateful, but batch order shuffled (the mistake)",
        "layers.builder.title": "Exercise 23: model.summary()",
        "layers.builder.what": (
            "SimpleRNN(units) → Dense(64, relu) → Dense(100, softmax) on input_shape = (timesteps, "
            "input_dim). The batch size is None until fit() supplies it. Param # counts the weights: "
            "kernel (input_dim × units), recurrent_kernel (units × units) and bias (units) for the "
            "SimpleRNN; no timesteps anywhere in it."
        ),
        "layers.builder.total": "Total params: {total} at timesteps = {T}, the same at 1 or 1,000 timesteps.",
        "layers.builder.return_state": (
            "With return_state=True the layer returns two tensors, [output, state]. Keras's Sequential "
            "accepts only one output per layer, so in Keras you would write this with the functional "
            "API, out, state = SimpleRNN(...)(inputs), and feed out to the Dense layer as here. The "
            "parameter counts are the same."
        ),
        "layers.shapes.title": "Shapes: what comes out of a SimpleRNN",
        "layers.shapes.what": (
            "The input is always 3-D: (batch, timesteps, input_dim). With return_sequences=False the "
            "layer returns only the last step's output, (batch, units); with True, every step's, "
            "(batch, timesteps, units). return_state=True adds the final state, (batch, units). The "
            "highlighted row is the setting chosen in the sidebar."
        ),
        "layers.shapes.figure": "SimpleRNN({units}) on input (None, {T}, {I})",
        "layers.shapes.row": "return_sequences={seq}<br>return_state={state}",
        "layers.shapes.output": "output",
        "layers.shapes.state": "state",
        "layers.stack.title": "Stacking needs return_sequences=True",
        "layers.stack.what": (
            "A recurrent layer reads a sequence, so the layer below it must hand one over: "
            "return_sequences=True. Switch it off in the sidebar to see the error Keras raises."
        ),
        "layers.stack.error": "This model cannot be built: {message}",
        "layers.worked.title": "go_backwards and unroll, worked by hand",
        "layers.worked.what": (
            "One linear unit with kernel 1 and recurrent_kernel 0.5, so s_t = x_t + 0.5 s_(t−1), on "
            "x = 1, 2, 3, 4. With go_backwards=True the layer reads 4, 3, 2, 1 and, with "
            "return_sequences=True, returns its outputs in that reading order (Keras does not flip "
            "them back). unroll=True replaces the loop over time by one copy of the step per "
            "timestep: faster for short sequences, more memory, the same numbers."
        ),
        "layers.worked.step": "step",
        "layers.worked.read": "input read",
        "layers.worked.output": "output[step]",
        "layers.worked.table": "go_backwards={backwards}, unroll={unroll}",
        "layers.worked.unroll_gap": (
            "Largest difference between unroll=True and unroll=False: {gap:.1e}. Final state: {state:.4f}."
        ),
        "layers.stateful.title": "Stateful versus stateless (figures 5.33 and 5.34)",
        "layers.stateful.what": (
            "Stateless (the default): every sample starts from a zero state, so the samples are "
            "independent and may be shuffled. Stateful: the final state of each sample becomes the "
            "initial state of a sample in the next batch, so one long sequence can be fed in "
            "consecutive pieces."
        ),
        "layers.layout.title": (
            "Batch layout of a stateful RNN: streams a, b, c, d cut into consecutive chunks"
        ),
        "layers.layout.batch": "batch",
        "layers.layout.sample": "sample",
        "layers.layout.note": (
            "Keras's rule: the state of sample i in batch j is the initial state of sample i — the "
            "same index — in batch j+1, so that sample must hold the next chunk of the same stream. "
            "The chapter's translation says the state goes to sample i+1; in its figure i, i+1, i+2 "
            "name consecutive chunks, which sit at the same index of consecutive batches."
        ),
        "layers.layout.wrong": "not i → i+1",
        "layers.layout.shuffled": (
            "Shuffled: a red arrow hands a state to a chunk it does not belong to. A stateful run "
            "needs shuffle=False, and the batch size fixed. Here the order of whole batches is shuffled "
            "(Keras's shuffle=\"batch\"); Keras's default shuffle=True shuffles single samples, which "
            "would also mix the streams inside every batch."
        ),
        "layers.experiment.what": (
            "Exercise 24, live: next-value prediction on a stream of two sines (periods 7.3 and 19.1 "
            "steps), cut into samples of 10 steps, 4 streams per batch, 24 batches per epoch. The same "
            "SimpleRNN(16) → Dense(1), from the same initial weights, is trained with Adam stateless "
            '(batch order shuffled every epoch, Keras\'s shuffle="batch"; its default shuffle=True '
            "would shuffle single samples, which a stateless network does not mind either) and "
            "stateful (shuffle=False, state reset each epoch), once per seed; the error is measured on "
            "the continuation of each stream."
        ),
        "layers.experiment.running": "Training {n} networks…",
        "layers.experiment.verdict": (
            "Median test RMSE: stateless {stateless:.4f}, stateful {stateful:.4f} (over {n} seeds)."
        ),
        "layers.experiment.verdict_shuffled": "Stateful with shuffled batches: {shuffled:.4f}.",
        "layers.experiment.why": (
            "Why: the next value of this stream depends on its last few values. A stateless network "
            "starts every sample from zero and must guess at the first steps; the error-by-position "
            "plot shows it. A stateful one arrives at step 1 already knowing the recent past — but "
            "only if the batches come in order. Shuffle them and the carried state belongs to another "
            "part of the stream: the network learns to half-ignore it, and past the first few steps "
            "of a sample it does worse than a network with no state at all."
        ),
        "layers.arm.stateless": "stateless",
        "layers.arm.stateful": "stateful",
        "layers.arm.shuffled": "stateful, batch order shuffled",
        "layers.box.title": "Figure 5.34: test RMSE over seeds",
        "layers.box.y": "test RMSE",
        "layers.position.title": "Test RMSE at each position in a sample",
        "layers.position.x": "position in the sample (step)",
        "layers.links.title": "The architectures of figures 5.11 and 5.12, unrolled",
        "layers.link.many_to_one": "return_sequences=False: many-to-one (figure 5.11)",
        "layers.link.many_to_many": "return_sequences=True: many-to-many (figure 5.11)",
        "layers.link.stacked": "Stacked SimpleRNNs: weights shared in time, not in depth (figure 5.12)",
        "layers.download_json": "Download every number shown (JSON)",
    },
    "zh": {
        "layers.nav": "Keras 层",
        "layers.title": "Keras SimpleRNN：形状、共享权重与有状态训练",
        "layers.what": (
            "本页在不安装 TensorFlow 的情况下复现 Keras 的行为。搭建练习 23 中的模型并查看它的 "
            "model.summary()：把时间步长从 1 拖到 1,000，输出形状随之改变，而 Param # 保持不变，"
            "因为同一组权重在每个时间步共享。接着看看 return_sequences、return_state、go_backwards "
            "和 unroll 如何改变形状和数值，以及为什么有状态网络需要按顺序输入批次（练习 24）。"
        ),
        "layers.units": "SimpleRNN 单元数",
        "layers.T": "时间步长 timesteps",
        "layers.input_dim": "输入维度 input_dim",
        "layers.seq": "return_sequences",
        "layers.state": "return_state",
        "layers.stack_seq": "堆叠示例：下层的 return_sequences",
        "layers.backwards": "go_backwards",
        "layers.unroll": "unroll（展开）",
        "layers.epochs": "练习 24：训练轮数",
        "layers.seeds": "练习 24：随机种子数（重复次数）",
        "layers.shuffle": "练习 24：打乱有状态训练的批次顺序",
        "layers.preset.ex23": "图 5.30：SimpleRNN(64)，输入 (10, 100)",
        "layers.preset.ex23_seq": "图 5.31：return_sequences=True",
        "layers.preset.ex23_1000": "图 5.32：1,000 个时间步",
        "layers.preset.stack_error": "不设 return_sequences 就堆叠",
        "layers.preset.shuffle": "有状态却打乱批次顺序（错误做法）",
        "layers.builder.title": "练习 23：model.summary()",
        "layers.builder.what": (
            "SimpleRNN(units) → Dense(64, relu) → Dense(100, softmax)，input_shape = (timesteps, "
            "input_dim)。批次大小在 fit() 提供之前为 None。Param # 统计权重个数：SimpleRNN 有 "
            "kernel（input_dim × units）、recurrent_kernel（units × units）和 bias（units），"
            "其中完全不含时间步长。"
        ),
        "layers.builder.total": "Total params：timesteps = {T} 时为 {total}，1 个或 1,000 个时间步都一样。",
        "layers.builder.return_state": (
            "return_state=True 时，该层返回两个张量 [output, state]。Keras 的 Sequential 每层只接受一个"
            "输出，所以在 Keras 中要用函数式 API 来写：out, state = SimpleRNN(...)(inputs)，再像这里一样"
            "把 out 送入 Dense 层。参数个数相同。"
        ),
        "layers.shapes.title": "形状：SimpleRNN 输出什么",
        "layers.shapes.what": (
            "输入总是三维的：(batch, timesteps, input_dim)。return_sequences=False 时，该层只返回最后"
            "一个时间步的输出 (batch, units)；为 True 时返回每个时间步的输出 (batch, timesteps, units)。"
            "return_state=True 时再加上最终状态 (batch, units)。高亮的一行是侧边栏中选择的设置。"
        ),
        "layers.shapes.figure": "SimpleRNN({units})，输入 (None, {T}, {I})",
        "layers.shapes.row": "return_sequences={seq}<br>return_state={state}",
        "layers.shapes.output": "输出",
        "layers.shapes.state": "状态",
        "layers.stack.title": "堆叠需要 return_sequences=True",
        "layers.stack.what": (
            "循环层读取的是序列，所以它下面的层必须交出一个序列：return_sequences=True。"
            "在侧边栏关掉它，就能看到 Keras 抛出的错误。"
        ),
        "layers.stack.error": "无法构建这个模型：{message}",
        "layers.worked.title": "手算 go_backwards 和 unroll",
        "layers.worked.what": (
            "一个线性单元，kernel 为 1，recurrent_kernel 为 0.5，即 s_t = x_t + 0.5 s_(t−1)，输入 "
            "x = 1, 2, 3, 4。go_backwards=True 时，该层按 4, 3, 2, 1 的顺序读取；若 "
            "return_sequences=True，输出也按这个读取顺序返回（Keras 不会再把它们翻转回来）。"
            "unroll=True 用每个时间步一份的步骤副本代替时间上的循环：短序列更快、更耗内存，数值相同。"
        ),
        "layers.worked.step": "步骤",
        "layers.worked.read": "读入的输入",
        "layers.worked.output": "output[步骤]",
        "layers.worked.table": "go_backwards={backwards}，unroll={unroll}",
        "layers.worked.unroll_gap": (
            "unroll=True 与 unroll=False 的最大差异：{gap:.1e}。最终状态：{state:.4f}。"
        ),
        "layers.stateful.title": "有状态与无状态（图 5.33 和图 5.34）",
        "layers.stateful.what": (
            "无状态（默认）：每个样本都从零状态开始，样本之间相互独立，可以打乱。有状态：每个样本的"
            "最终状态成为下一批次中某个样本的初始状态，因此一条长序列可以分成连续的片段依次输入。"
        ),
        "layers.layout.title": "有状态 RNN 的批量格式：数据流 a、b、c、d 各自被切成连续的片段",
        "layers.layout.batch": "批次",
        "layers.layout.sample": "样本",
        "layers.layout.note": (
            "Keras 的规则：批次 j 中样本 i 的状态是批次 j+1 中样本 i（同一个序号）的初始状态，所以该样本"
            "必须是同一条数据流的下一个片段。本章译文说状态传给样本 i+1；其实图中的 i、i+1、i+2 是"
            "连续的片段，它们位于相邻批次的同一个序号上。"
        ),
        "layers.layout.wrong": "不是 i → i+1",
        "layers.layout.shuffled": (
            "打乱后：红色箭头把状态传给了不属于它的片段。有状态训练需要 shuffle=False，并且批次大小固定。"
            '这里打乱的是整个批次的顺序（Keras 的 shuffle="batch"）；Keras 默认的 shuffle=True 打乱的是'
            "单个样本，还会把每个批次内的数据流也混在一起。"
        ),
        "layers.experiment.what": (
            "练习 24 的实时版本：在由两个正弦波（周期 7.3 和 19.1 步）叠加成的数据流上预测下一个值，"
            "切成每段 10 步的样本，每批 4 条数据流，每轮 24 个批次。同一个 SimpleRNN(16) → Dense(1)，"
            "从相同的初始权重出发，用 Adam 分别以无状态（每轮打乱批次顺序，即 Keras 的 "
            'shuffle="batch"；Keras 默认的 shuffle=True 打乱单个样本，无状态网络同样不受影响）和有状态'
            "（shuffle=False，每轮重置状态）方式训练，每个随机种子一次；误差在每条数据流的后续部分上测量。"
        ),
        "layers.experiment.running": "正在训练 {n} 个网络……",
        "layers.experiment.verdict": (
            "测试 RMSE 中位数：无状态 {stateless:.4f}，有状态 {stateful:.4f}（共 {n} 个随机种子）。"
        ),
        "layers.experiment.verdict_shuffled": "批次被打乱的有状态训练：{shuffled:.4f}。",
        "layers.experiment.why": (
            "原因：这条数据流的下一个值取决于最近的几个值。无状态网络每个样本都从零开始，前几步只能猜；"
            "按位置的误差图显示了这一点。有状态网络在第 1 步就已经知道最近的过去——但前提是批次按顺序"
            "输入。一旦打乱，传过来的状态属于数据流的另一部分：网络学会了半忽略它，在样本的前几步之后，"
            "表现反而不如完全没有状态的网络。"
        ),
        "layers.arm.stateless": "无状态",
        "layers.arm.stateful": "有状态",
        "layers.arm.shuffled": "有状态（批次顺序打乱）",
        "layers.box.title": "图 5.34：各随机种子的测试 RMSE",
        "layers.box.y": "测试 RMSE",
        "layers.position.title": "样本中每个位置的测试 RMSE",
        "layers.position.x": "样本中的位置（步骤）",
        "layers.links.title": "图 5.11 和图 5.12 的结构（展开图）",
        "layers.link.many_to_one": "return_sequences=False：多对一（图 5.11）",
        "layers.link.many_to_many": "return_sequences=True：多对多（图 5.11）",
        "layers.link.stacked": "堆叠的 SimpleRNN：权重在时间上共享，而不是在深度上（图 5.12）",
        "layers.download_json": "下载显示的全部数值（JSON）",
    },
}

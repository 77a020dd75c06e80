"""The unrolled page's live chapter equations (figures 5.4, 5.5, 5.10, 5.13, 5.15), in English and 中文."""

from visualizer.locales import by_language

TEXTS: dict[str, dict[str, str]] = {
    "chapter.title": {
        "en": "The chapter's equations, live",
        "zh": "本章的公式：实时数值",
    },
    "chapter.what": {
        "en": (
            "The equations of the chapter with the numbers of the network drawn above: its inputs, "
            "its weights (b = 0 at initialisation) and its targets ŷ_t, at the loss step t chosen in "
            "the sidebar. Vectors have H = 4 entries, rounded to two decimals. The last part takes one "
            "step of gradient descent on the selected weight only and recomputes the loss with it."
        ),
        "zh": (
            "用上图这个网络的数值写出本章的公式：它的输入、权重（初始化时 b = 0）和目标 ŷ_t，"
            "取侧栏中选定的损失步 t。向量有 H = 4 个分量，保留两位小数。最后一部分只对所选权重做一步"
            "梯度下降，并用新的权重重新计算损失。"
        ),
    },
    "chapter.fig_5_4": {
        "en": "**Figure 5.4, the state at step {t}:** the input's part, the previous state's part, the bias",
        "zh": "**图 5.4，第 {t} 步的状态：** 输入的部分、前一状态的部分和偏置",
    },
    "chapter.fig_5_5": {
        "en": (
            "**Figure 5.5, the output at step {t}:** y_{t} depends on x_{t} and, through the state, "
            "on every earlier input"
        ),
        "zh": "**图 5.5，第 {t} 步的输出：** y_{t} 取决于 x_{t}，并通过状态取决于之前的每一个输入",
    },
    "chapter.fig_5_10": {
        "en": "**Figure 5.10, FFNN and RNN at step {t}:** the same weights, with and without the feedback Ws",
        "zh": "**图 5.10，第 {t} 步的前馈网络与循环神经网络：** 相同的权重，有无反馈 Ws",
    },
    "chapter.same_ffnn": {
        "en": "This architecture has Ws = 0: no state is fed back, so the FFNN and the RNN give one output.",
        "zh": "该结构的 Ws = 0：没有状态被反馈回来，所以前馈网络和循环神经网络的输出相同。",
    },
    "chapter.same_at_one": {
        "en": "At step 1 the two outputs coincide: the initial state s₀ is 0, so Ws s₀ = 0 adds nothing.",
        "zh": "在第 1 步两者的输出相同：初始状态 s₀ 为 0，所以 Ws s₀ = 0 不起作用。",
    },
    "chapter.differ": {
        "en": "They differ by Ws s_{t_prev}, the memory of earlier inputs; with Ws = 0 they would be equal.",
        "zh": "两者相差 Ws s_{t_prev}：对之前输入的记忆。若 Ws = 0，两者完全相同。",
    },
    "chapter.fig_5_15": {
        "en": "**Figure 5.15, the loss:** the mean squared error per step, summed over the loss steps",
        "zh": "**图 5.15，损失函数：** 每一步的均方误差，对所有有损失的步求和",
    },
    "chapter.fig_5_13": {
        "en": "**Figure 5.13, one update of {weight}:** gradient descent with learning rate α, the rest kept",
        "zh": "**图 5.13，对 {weight} 做一次更新：** 学习率为 α 的梯度下降，其他权重保持不变",
    },
    "chapter.verdict.fell": {
        "en": (
            "One step with α = {alpha} lowered E from {before} to {after} (ΔE = {change}); the first-order "
            "prediction −α‖∂E/∂{weight}‖² = {predicted} is close while α is small."
        ),
        "zh": (
            "α = {alpha} 的一步把 E 从 {before} 降到 {after}（ΔE = {change}）；α 较小时，"
            "一阶预测 −α‖∂E/∂{weight}‖² = {predicted} 与之接近。"
        ),
    },
    "chapter.verdict.rose": {
        "en": (
            "α = {alpha} is too large: the step overshoots and E rises from {before} to {after} "
            "(ΔE = {change}), although the first-order prediction says {predicted}. That prediction "
            "only holds for small steps; try a smaller α."
        ),
        "zh": (
            "α = {alpha} 太大：这一步走过了头，E 从 {before} 升到 {after}（ΔE = {change}），"
            "而一阶预测是 {predicted}。这个预测只在步长很小时成立；请试一个更小的 α。"
        ),
    },
    "chapter.verdict.flat": {
        "en": "With α = {alpha} the step leaves E at {before}: the change is below the numbers' precision.",
        "zh": "α = {alpha} 时这一步使 E 保持在 {before}：变化小于数值精度。",
    },
    "chapter.verdict.no_gradient": {
        "en": "∂E/∂{weight} = 0 here, so the update moves nothing and E stays at {before}.",
        "zh": "这里 ∂E/∂{weight} = 0，所以更新不改变任何东西，E 保持为 {before}。",
    },
    "chapter.verdict.overflow": {
        "en": "E is not a finite number here (before: {before}, after: {after}): the step overflowed.",
        "zh": "这里 E 不是有限数（之前：{before}，之后：{after}）：这一步溢出了。",
    },
    "chapter.bars.title": {
        "en": "E_t per step: E = {before} before, {after} after one step with α = {alpha}",
        "zh": "每一步的 E_t：更新前 E = {before}，α = {alpha} 的一步之后 E = {after}",
    },
    "chapter.bars.x": {
        "en": "step t",
        "zh": "第 t 步",
    },
    "chapter.bars.y": {
        "en": "E_t = ½‖y_t − ŷ_t‖²",
        "zh": "E_t = ½‖y_t − ŷ_t‖²",
    },
    "chapter.bars.before": {
        "en": "before the update",
        "zh": "更新前",
    },
    "chapter.bars.after": {
        "en": "after one step on {weight} (α = {alpha})",
        "zh": "对 {weight} 更新一步之后（α = {alpha}）",
    },
}

STRINGS = by_language(TEXTS)

"""The unrolled graph page's strings, in English and 中文."""

from visualizer.locales import by_language

TEXTS: dict[str, dict[str, str]] = {
    "unrolled.nav": {
        "en": "Unrolled graph",
        "zh": "展开图",
    },
    "unrolled.title": {
        "en": "Unrolling the network, and the paths of the gradient",
        "zh": "展开网络，以及梯度的路径",
    },
    "unrolled.what": {
        "en": (
            "Folded, an RNN is one cell with a loop: the state s feeds back through Ws. Unrolled, "
            "it is one copy of the cell per step, all sharing Wx, Ws and Wy. Pick a loss E_t and a "
            "weight: the edges that carry dE_t/dW light up, coloured by the size of the gradient "
            "flowing through them, computed by BPTT on the current weights. Step back from t to 1 "
            "to watch the sum over k build up, as in the chapter's figures 5.23 and 5.28."
        ),
        "zh": (
            "折叠时，循环神经网络是一个带环的单元：状态 s 经由 Ws 反馈回来。展开后，每一步都有一个"
            "单元的副本，它们共享 Wx、Ws 和 Wy。选择一个损失 E_t 和一个权重：承载 dE_t/dW 的边会亮起，"
            "颜色表示流过它的梯度大小，由当前权重的 BPTT 算出。从第 t 步一步步退回第 1 步，"
            "就能像本章图 5.23 和图 5.28 那样看到对 k 的求和逐项累加。"
        ),
    },
    "unrolled.arch": {
        "en": "Architecture",
        "zh": "结构",
    },
    "unrolled.view": {
        "en": "View",
        "zh": "视图",
    },
    "unrolled.T": {
        "en": "Steps T",
        "zh": "步数 T",
    },
    "unrolled.t": {
        "en": "Loss E_t at step t",
        "zh": "第 t 步的损失 E_t",
    },
    "unrolled.weight": {
        "en": "Weight",
        "zh": "权重",
    },
    "unrolled.k": {
        "en": "Backward walk has reached step k",
        "zh": "反向传播已到达第 k 步",
    },
    "unrolled.sigma": {
        "en": "σ_max(Ws)",
        "zh": "σ_max(Ws)",
    },
    "unrolled.act": {
        "en": "Activation f",
        "zh": "激活函数 f",
    },
    "unrolled.layers": {
        "en": "Layers",
        "zh": "层数",
    },
    "unrolled.window": {
        "en": "TDNN window w",
        "zh": "TDNN 窗口 w",
    },
    "unrolled.seed": {
        "en": "Seed",
        "zh": "随机种子",
    },
    "unrolled.alpha": {
        "en": "Learning rate α (one step of W ← W − α ∂E/∂W)",
        "zh": "学习率 α（一步 W ← W − α ∂E/∂W）",
    },
    "unrolled.preset.e3": {
        "en": "The chapter's E3 example",
        "zh": "本章的 E3 例子",
    },
    "unrolled.step": {
        "en": "step",
        "zh": "步骤",
    },
    "unrolled.term": {
        "en": "term",
        "zh": "项",
    },
    "unrolled.snapped": {
        "en": "Showing E_{t} and step k = {k}: the nearest choices this architecture allows.",
        "zh": "显示 E_{t} 和第 k = {k} 步：这是该结构允许的最接近的选择。",
    },
    "unrolled.play": {
        "en": "▶ Walk back from t to 1",
        "zh": "▶ 从第 t 步退回到第 1 步",
    },
    "unrolled.download_json": {
        "en": "Download the terms of this walk (JSON)",
        "zh": "下载这次反向传播各项的数值（JSON）",
    },
    "unrolled.structure_only": {
        "en": "This view shows the structure; gradient paths are drawn for the unrolled single-layer RNN.",
        "zh": "此视图只显示结构；梯度路径画在展开的单层循环神经网络上。",
    },
    "unrolled.colorbar": {
        "en": "gradient size (log scale)",
        "zh": "梯度大小（对数刻度）",
    },
    "unrolled.legend.forward": {
        "en": "forward pass (grey: not on this gradient's path)",
        "zh": "前向传播（灰色：不在这条梯度路径上）",
    },
    "unrolled.legend.term": {
        "en": "edge whose weight gets term k of ∂E_t/∂W (colour: its size)",
        "zh": "其权重得到 ∂E_t/∂W 第 k 项的边（颜色：该项大小）",
    },
    "unrolled.legend.chain": {
        "en": "backward pass: ∂E_t/∂s_k flowing back (colour: its size)",
        "zh": "反向传播：∂E_t/∂s_k 向回流动（颜色：其大小）",
    },
    "unrolled.legend.no_ws": {
        "en": "Ws = 0: nothing flows between steps",
        "zh": "Ws = 0：步与步之间没有信息流动",
    },
    "unrolled.only_t": {
        "en": "E_{t} is the only loss this architecture has for T = {T}.",
        "zh": "T = {T} 时，E_{t} 是该结构唯一的损失。",
    },
    "unrolled.term1_zero": {
        "en": (
            "Term 1 of ∂E_{t}/∂Ws is exactly 0: it ends in ∂⁺s₁/∂Ws = s₀, and the initial state s₀ is 0. "
            "The gradient still reaches step 1, through Wx (as the chapter's figure 5.22 shows)."
        ),
        "zh": (
            "∂E_{t}/∂Ws 的第 1 项恰好为 0：它以 ∂⁺s₁/∂Ws = s₀ 结尾，而初始状态 s₀ 为 0。"
            "梯度仍然通过 Wx 到达第 1 步（如本章图 5.22 所示）。"
        ),
    },
    "choice.many_to_many": {
        "en": "many-to-many",
        "zh": "多对多",
    },
    "choice.many_to_one": {
        "en": "many-to-one",
        "zh": "多对一",
    },
    "choice.one_to_many": {
        "en": "one-to-many",
        "zh": "一对多",
    },
    "choice.delay": {
        "en": "many-to-many with delay (encoder–decoder)",
        "zh": "有延迟的多对多（编码器–解码器）",
    },
    "choice.ffnn": {
        "en": "FFNN (Ws = 0)",
        "zh": "前馈网络（Ws = 0）",
    },
    "choice.stacked": {
        "en": "stacked RNN",
        "zh": "堆叠循环神经网络",
    },
    "choice.tdnn": {
        "en": "TDNN",
        "zh": "时延神经网络（TDNN）",
    },
    "choice.unrolled": {
        "en": "unrolled",
        "zh": "展开",
    },
    "choice.folded": {
        "en": "folded",
        "zh": "折叠",
    },
    "choice.Ws": {
        "en": "Ws",
        "zh": "Ws",
    },
    "choice.Wx": {
        "en": "Wx",
        "zh": "Wx",
    },
    "choice.Wy": {
        "en": "Wy",
        "zh": "Wy",
    },
}

# The same table per language, the shape i18n.STRINGS merges.
STRINGS = by_language(TEXTS)

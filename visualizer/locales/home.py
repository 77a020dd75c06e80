"""The start page's strings, in English and 中文."""

from visualizer.locales import by_language

TEXTS: dict[str, dict[str, str]] = {
    "home.nav": {
        "en": "Start here",
        "zh": "从这里开始",
    },
    "home.tour": {
        "en": "New here? Take the guided tour of the chapter, step by step",
        "zh": "第一次来？跟着章节导览一步一步学",
    },
    "home.what": {
        "en": (
            "A recurrent network reuses the same weights Wx, Ws and Wy at every step. Training it "
            "with backpropagation through time (BPTT) sends the error back through every earlier "
            "step, multiplying one Jacobian per step, so the signal that reaches far back can "
            "shrink to nothing (vanishing gradients) or blow up (exploding gradients). This lab "
            "computes those gradients exactly, term by term, and lets you watch them as you move "
            "the sliders. Every view can be shared as a link that reopens the same settings."
        ),
        "zh": (
            "循环神经网络在每一步都重复使用同样的权重 Wx、Ws 和 Wy。用通过时间的反向传播（BPTT）"
            "训练它时，误差要穿过之前的每一步传回去，每经过一步就乘上一个雅可比矩阵，"
            "因此传到很远之前的信号可能缩小到几乎为零（梯度消失），也可能急剧增大（梯度爆炸）。"
            "本实验室逐项精确地计算这些梯度，让你拖动滑块时亲眼看到它们的变化。"
            "每个视图都可以作为链接分享，打开后是完全相同的设置。"
        ),
    },
    "home.start": {
        "en": "Start here",
        "zh": "从这里开始",
    },
    "home.card.e3": {
        "en": "The chapter's E3 example, term by term",
        "zh": "本章的 E3 例子，逐项展开",
    },
    "home.card.ffnn": {
        "en": "FFNN: with Ws = 0 only the diagonal is left",
        "zh": "前馈网络：Ws = 0 时只剩对角线",
    },
    "home.card.vanishing": {
        "en": "Vanishing gradients (tanh, σ = 0.8)",
        "zh": "梯度消失（tanh，σ = 0.8）",
    },
    "home.card.exploding": {
        "en": "Exploding gradients (linear, σ = 1.3)",
        "zh": "梯度爆炸（线性，σ = 1.3）",
    },
    "home.card.sigmoid": {
        "en": "Why the sigmoid vanishes sooner (γ = 1/4)",
        "zh": "为什么 sigmoid 消失得更快（γ = 1/4）",
    },
    "home.card.regime": {
        "en": "The whole picture: the regime map",
        "zh": "全貌：区域图",
    },
    "home.card.gates": {
        "en": "The cure: why the LSTM's gates keep the gradient",
        "zh": "解药：LSTM 的门为何能保住梯度",
    },
}

# The same table per language, the shape i18n.STRINGS merges.
STRINGS = by_language(TEXTS)

"""Every visible string of the app, in English and 中文, from one table.

Technical terms follow the chapter: 循环神经网络, 通过时间的反向传播 (BPTT),
梯度消失, 梯度爆炸, 梯度裁剪, 展开, 有状态/无状态, 作者归属.
"""

from __future__ import annotations

LANGUAGES = {"en": "English", "zh": "中文"}

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "app.title": "RNN Gradient Flow Lab",
        "app.language": "Language",
        "app.url_note": "Some link settings were not understood and were reset: {notes}",
        "home.nav": "Start here",
        "home.what": (
            "A recurrent network reuses the same weights Wx, Ws and Wy at every step. Training it "
            "with backpropagation through time (BPTT) sends the error back through every earlier "
            "step, multiplying one Jacobian per step, so the signal that reaches far back can "
            "shrink to nothing (vanishing gradients) or blow up (exploding gradients). This lab "
            "computes those gradients exactly, term by term, and lets you watch them as you move "
            "the sliders. Every view can be shared as a link that reopens the same settings."
        ),
        "home.start_heatmap": "Open the gradient heatmap",
        "heatmap.nav": "Gradient heatmap",
        "heatmap.title": "How far back does the gradient reach?",
        "heatmap.what": (
            "Each cell shows how strongly the loss at step t (row) still depends on the state at an "
            "earlier step k (column). Backpropagation through time multiplies one Jacobian per step, "
            "so below σ_max = 1/γ the colours fade quickly away from the diagonal (vanishing "
            "gradients) and above it they can grow (exploding gradients). Grey cells are exactly 0; "
            "blank cells have no term, because E_t cannot depend on later steps."
        ),
        "heatmap.steps": "Sequence length T",
        "heatmap.sigma": "σ_max(Ws)",
        "heatmap.activation": "Activation f",
        "heatmap.hidden": "Hidden size H",
        "heatmap.seed": "Seed",
        "heatmap.map_title": "log10 ‖dE_t/ds_k‖",
        "heatmap.x": "k (earlier step)",
        "heatmap.y": "t (loss step)",
        "heatmap.zero": "exactly 0",
        "heatmap.download": "Download the map (CSV)",
        "heatmap.error": "This setting cannot be computed: {error}",
    },
    "zh": {
        "app.title": "循环神经网络梯度流实验室",
        "app.language": "语言",
        "app.url_note": "链接中的部分设置无法识别，已恢复默认值：{notes}",
        "home.nav": "从这里开始",
        "home.what": (
            "循环神经网络在每一步都重复使用同样的权重 Wx、Ws 和 Wy。用通过时间的反向传播（BPTT）"
            "训练它时，误差要穿过之前的每一步传回去，每经过一步就乘上一个雅可比矩阵，"
            "因此传到很远之前的信号可能缩小到几乎为零（梯度消失），也可能急剧增大（梯度爆炸）。"
            "本实验室逐项精确地计算这些梯度，让你拖动滑块时亲眼看到它们的变化。"
            "每个视图都可以作为链接分享，打开后是完全相同的设置。"
        ),
        "home.start_heatmap": "打开梯度热力图",
        "heatmap.nav": "梯度热力图",
        "heatmap.title": "梯度能向前传播多远？",
        "heatmap.what": (
            "每个格子表示第 t 步（行）的损失对更早的第 k 步（列）状态的依赖有多强。"
            "通过时间的反向传播（BPTT）每经过一步就乘上一个雅可比矩阵，"
            "所以当 σ_max < 1/γ 时，颜色离对角线越远衰减越快（梯度消失）；"
            "超过 1/γ 时则可能不断增大（梯度爆炸）。灰色格子恰好为 0；"
            "空白格子没有这一项，因为 E_t 不依赖之后的步骤。"
        ),
        "heatmap.steps": "序列长度 T",
        "heatmap.sigma": "σ_max(Ws)",
        "heatmap.activation": "激活函数 f",
        "heatmap.hidden": "隐藏层大小 H",
        "heatmap.seed": "随机种子",
        "heatmap.map_title": "log10 ‖dE_t/ds_k‖",
        "heatmap.x": "k（更早的步骤）",
        "heatmap.y": "t（损失所在步骤）",
        "heatmap.zero": "恰好为 0",
        "heatmap.download": "下载热力图数据（CSV）",
        "heatmap.error": "无法计算这个设置：{error}",
    },
}


def text(lang: str, key: str, **values: object) -> str:
    """The string for key in lang (English if lang is unknown), with {names} filled in."""
    table = STRINGS.get(lang, STRINGS["en"])
    return table[key].format(**values) if values else table[key]

"""The regime map page's strings, in English and 中文."""

from visualizer.locales import by_language

TEXTS: dict[str, dict[str, str]] = {
    "regime.nav": {
        "en": "Regime map",
        "zh": "区域图",
    },
    "regime.title": {
        "en": "Where do gradients vanish, and where do they explode?",
        "zh": "梯度在哪里消失，又在哪里爆炸？",
    },
    "regime.what": {
        "en": (
            "Each cell is one network: Ws is an orthogonal matrix scaled to σ_max (across), "
            "run for T steps (up). The colour is how much of the last loss's gradient reaches "
            "the first state, ||dE_T/ds_1|| / ||dE_T/ds_T||. Left of the dashed line σ_max < 1/γ "
            "and the gradient must vanish; right of it, it may explode: possible, not certain, because "
            "saturating units (tanh at large σ_max, the sigmoid almost everywhere) keep f' below γ. "
            "Click a cell to open it in the gradient heatmaps."
        ),
        "zh": (
            "每个格子代表一个网络：Ws 是缩放到 σ_max（横轴）的正交矩阵，运行 T 步（纵轴）。"
            "颜色表示最后一步损失的梯度有多少能传到第一个状态，即 ||dE_T/ds_1|| / ||dE_T/ds_T||。"
            "虚线左侧 σ_max < 1/γ，梯度必然消失；右侧梯度可能爆炸，但并不一定："
            "饱和的神经元（σ_max 较大时的 tanh，以及几乎所有情况下的 sigmoid）使 f' 低于 γ。"
            "点击格子即可在梯度热力图中打开它。"
        ),
    },
    "regime.act": {
        "en": "Activation f",
        "zh": "激活函数 f",
    },
    "regime.H": {
        "en": "Hidden size H",
        "zh": "隐藏层大小 H",
    },
    "regime.maxT": {
        "en": "Longest sequence T",
        "zh": "最长序列 T",
    },
    "regime.seed": {
        "en": "Seed",
        "zh": "随机种子",
    },
    "regime.map_title": {
        "en": "log10 ‖dE_T/ds_1‖ / ‖dE_T/ds_T‖",
        "zh": "log10 ‖dE_T/ds_1‖ / ‖dE_T/ds_T‖",
    },
    "regime.line": {
        "en": "σ_max = 1/γ",
        "zh": "σ_max = 1/γ",
    },
    "regime.click": {
        "en": "Click a cell to open those settings in the gradient heatmaps.",
        "zh": "点击格子，在梯度热力图中打开这些设置。",
    },
    "regime.colorbar": {
        "en": "ratio",
        "zh": "比值",
    },
    "regime.scale_note": {
        "en": (
            "Blue: the gradient vanishes; white: a ratio of 1; red: it explodes. The colour stops at "
            "10^±10 (cells beyond take the end colours); hover a cell for its exact value. Computed in "
            "float64: in float32, chaotic tanh networks (σ_max above about 2.3, long T) come out wrong "
            "by up to 3 decades."
        ),
        "zh": (
            "蓝色：梯度消失；白色：比值为 1；红色：梯度爆炸。颜色在 10^±10 处截止（超出的格子取两端的颜色）；"
            "把鼠标悬停在格子上可看到精确值。以 float64 计算：用 float32 时，混沌的 tanh 网络"
            "（σ_max 大于约 2.3、T 较长）会偏差多达 3 个数量级。"
        ),
    },
    "regime.download_json": {
        "en": "Download the map (JSON)",
        "zh": "下载区域图数据（JSON）",
    },
}

# The same table per language, the shape i18n.STRINGS merges.
STRINGS = by_language(TEXTS)

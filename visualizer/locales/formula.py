"""The heatmap cell's formula view's strings, in English and 中文."""

from visualizer.locales import by_language

TEXTS: dict[str, dict[str, str]] = {
    "formula.note.t": {
        "en": "t = {t} is past the sequence's end: showing t = T = {T}.",
        "zh": "t = {t} 超出了序列长度：改为显示 t = T = {T}。",
    },
    "formula.note.k": {
        "en": "k = {k} is later than t: E_t cannot depend on later steps, so showing k = t = {t}.",
        "zh": ("k = {k} 晚于 t：E_t 不依赖之后的步骤，因此改为显示 k = t = {t}。"),
    },
    "formula.no_loss": {
        "en": (
            "With the loss on the last step only, E_{t} is not a loss (only E_{T} is): every term of "
            "this row is exactly 0. Pick t = {T} to see a term."
        ),
        "zh": (
            "只在最后一步计算损失时，E_{t} 不是损失（只有 E_{T} 是）："
            "这一行的每一项都恰好为 0。选择 t = {T} 才能看到非零项。"
        ),
    },
    "formula.premise": {
        "en": (
            "The second line multiplies each factor's largest possible stretch (its operator norm), "
            "so it is only an upper bound: the first line multiplies how much each factor actually "
            "stretches the gradient it receives, and that product is the cell."
        ),
        "zh": (
            "第二行把每个因子可能的最大放大倍数（算子范数）相乘，所以只是一个上界；第一行把每个因子"
            "对它实际收到的梯度的放大倍数相乘，这个乘积才正好等于格子的值。"
        ),
    },
    "formula.sum": {
        "en": (
            "In log10 the exact factors add up to the cell: {parts} = **{cell}**, so the term is "
            "10^{cell}; the operator norms add up to {bound}."
        ),
        "zh": (
            "取 log10 后，各精确因子相加正好等于格子的值：{parts} = **{cell}**，即这一项为 10^{cell}；"
            "算子范数相加为 {bound}。"
        ),
    },
    "formula.float32": {
        "en": (
            "The map computes in float32 and shows 10^{map}; this view recomputes the term in float64 "
            "(10^{view}). Long chaotic runs amplify rounding, so the two can differ."
        ),
        "zh": (
            "热力图用 float32 计算，显示 10^{map}；这里用 float64 重新计算这一项（10^{view}）。"
            "长而混沌的序列会放大舍入误差，因此两者可能不同。"
        ),
    },
    "formula.zero": {
        "en": "This term is exactly 0: one of its factors is 0 (for example s_0 = 0 at k = 1, or x_k = 0).",
        "zh": ("这一项恰好为 0：它的某个因子为 0（例如 k = 1 时 s_0 = 0，或 x_k = 0）。"),
    },
    "formula.path.title": {
        "en": "Each step back from t = {t} to k = {k}: log10 gain",
        "zh": "从 t = {t} 往回到 k = {k} 的每一步：log10 放大倍数",
    },
    "formula.path.exact": {
        "en": "exact gain on this gradient ‖v_{j−1}‖/‖v_j‖, v_j = dE_t/ds_j (bars)",
        "zh": "对这个梯度的精确放大倍数 ‖v_{j−1}‖/‖v_j‖，v_j = dE_t/ds_j（柱）",
    },
    "formula.path.bound": {
        "en": "operator norm ‖diag(f′(a_j)) Ws‖₂ (an upper bound)",
        "zh": "算子范数 ‖diag(f′(a_j)) Ws‖₂（上界）",
    },
    "formula.path.none": {
        "en": "no gradient left (an earlier step was exactly 0)",
        "zh": "已没有梯度（之前某一步恰好为 0）",
    },
    "formula.path.empty": {
        "en": "k = t: no step back, the product is empty (1)",
        "zh": "k = t：不需要往回走，乘积为空（等于 1）",
    },
    "formula.running.title": {
        "en": "The chapter's Σ for E_{t}: terms added from k = t back to k",
        "zh": "本章的 Σ（E_{t}）：从 k = t 往回累加到 k",
    },
    "formula.running.sum": {
        "en": "‖Σ of terms k … {t}‖",
        "zh": "‖第 k … {t} 项之和‖",
    },
    "formula.running.terms": {
        "en": "‖term k‖ (this row of the map)",
        "zh": "‖第 k 项‖（热力图的这一行）",
    },
    "formula.running.selected": {
        "en": "k = {k}",
        "zh": "k = {k}",
    },
    "formula.running.note": {
        "en": (
            "dE_{t}/dW is the sum of all its terms: the line's left end, at k = 1, is the whole "
            "gradient, 10^{total}. Where the line stops rising, earlier terms add nothing that shows."
        ),
        "zh": (
            "dE_{t}/dW 是它所有项之和：曲线在 k = 1 处的左端就是整个梯度 10^{total}。"
            "曲线不再上升的地方，更早的项几乎没有贡献。"
        ),
    },
}

STRINGS = by_language(TEXTS)

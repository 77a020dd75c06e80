"""The gradient heatmaps page's strings, in English and 中文."""

from visualizer.locales import by_language

TEXTS: dict[str, dict[str, str]] = {
    "heatmap.nav": {
        "en": "Gradient heatmaps",
        "zh": "梯度热力图",
    },
    "heatmap.title": {
        "en": "How far back does the gradient reach?",
        "zh": "梯度能向前传播多远？",
    },
    "heatmap.what": {
        "en": (
            "BPTT writes dE_t/dW as a sum of terms, one per earlier step k that used the shared "
            "weight. Each cell is the size of one term: row t is the loss step, column k the step "
            "whose copy of the weight the term flows through. Each step back multiplies by "
            "diag(f'(a_j)) Ws, so below σ_max = 1/γ the colours fade away from the diagonal "
            "(vanishing gradients) and above it they can grow (exploding gradients). Grey cells "
            "are exactly 0; blank cells have no term, because E_t cannot depend on later steps."
        ),
        "zh": (
            "通过时间的反向传播（BPTT）把 dE_t/dW 写成若干项之和，每一项对应一个更早的、"
            "使用了共享权重的第 k 步。每个格子是一项的大小：行 t 是损失所在的步骤，"
            "列 k 是这一项所经过的权重副本所在的步骤。每往回一步就乘上 diag(f'(a_j)) Ws，"
            "所以当 σ_max < 1/γ 时，颜色离对角线越远越淡（梯度消失）；超过 1/γ 时则可能增大"
            "（梯度爆炸）。灰色格子恰好为 0；空白格子没有这一项，因为 E_t 不依赖之后的步骤。"
        ),
    },
    "heatmap.T": {
        "en": "Sequence length T",
        "zh": "序列长度 T",
    },
    "heatmap.sigma": {
        "en": "σ_max(Ws)",
        "zh": "σ_max(Ws)",
    },
    "heatmap.act": {
        "en": "Activation f",
        "zh": "激活函数 f",
    },
    "heatmap.init": {
        "en": "Ws initialiser (then scaled to σ_max)",
        "zh": "Ws 初始化方式（之后缩放到 σ_max）",
    },
    "heatmap.H": {
        "en": "Hidden size H",
        "zh": "隐藏层大小 H",
    },
    "heatmap.scale": {
        "en": "Input scale",
        "zh": "输入尺度",
    },
    "heatmap.loss": {
        "en": "Loss steps",
        "zh": "计算损失的步骤",
    },
    "heatmap.seed": {
        "en": "Seed",
        "zh": "随机种子",
    },
    "heatmap.preset.vanishing": {
        "en": "Vanishing (tanh, σ = 0.8)",
        "zh": "梯度消失（tanh，σ = 0.8）",
    },
    "heatmap.preset.exploding": {
        "en": "Exploding (linear, σ = 1.3)",
        "zh": "梯度爆炸（线性，σ = 1.3）",
    },
    "heatmap.preset.edge": {
        "en": "On the line σ_max = 1/γ (tanh, σ = 1)",
        "zh": "正好在 σ_max = 1/γ 线上（tanh，σ = 1）",
    },
    "heatmap.preset.ffnn": {
        "en": "FFNN: Ws = 0",
        "zh": "前馈网络：Ws = 0",
    },
    "heatmap.preset.sigmoid": {
        "en": "Sigmoid vanishes sooner (γ = 1/4)",
        "zh": "sigmoid 消失得更快（γ = 1/4）",
    },
    "heatmap.map.Ws": {
        "en": "log10 ‖term k of dE_t/dWs‖",
        "zh": "log10 ‖dE_t/dWs 的第 k 项‖",
    },
    "heatmap.map.Wx": {
        "en": "log10 ‖term k of dE_t/dWx‖",
        "zh": "log10 ‖dE_t/dWx 的第 k 项‖",
    },
    "heatmap.map.Wy": {
        "en": "log10 ‖dE_t/dWy‖ (only the k = t term)",
        "zh": "log10 ‖dE_t/dWy‖（只有 k = t 这一项）",
    },
    "heatmap.k": {
        "en": "k (step of the weight copy)",
        "zh": "k（权重副本所在的步骤）",
    },
    "heatmap.t": {
        "en": "t (loss step)",
        "zh": "t（损失所在的步骤）",
    },
    "heatmap.decay": {
        "en": "How ‖dE_T/ds_k‖ changes with the lag T − k",
        "zh": "‖dE_T/ds_k‖ 随间隔 T − k 的变化",
    },
    "heatmap.lag": {
        "en": "lag T − k",
        "zh": "间隔 T − k",
    },
    "heatmap.rise": {
        "en": "log10 ‖dE_T/ds_k‖ / ‖dE_T/ds_T‖",
        "zh": "log10 ‖dE_T/ds_k‖ / ‖dE_T/ds_T‖",
    },
    "heatmap.measured": {
        "en": "measured",
        "zh": "实测",
    },
    "heatmap.bound": {
        "en": "Pascanu bound (γ·σ_max)^lag",
        "zh": "Pascanu 上界 (γ·σ_max)^间隔",
    },
    "heatmap.sv": {
        "en": "Singular values of Ws",
        "zh": "Ws 的奇异值",
    },
    "heatmap.sv_index": {
        "en": "index",
        "zh": "序号",
    },
    "heatmap.badge.vanishing.bound": {
        "en": (
            "Vanishing: γ·σ_max = {gs:.2f} < 1, so each step back shrinks the gradient by at least "
            "{bound:.3f} decades (the bound decides). Measured: {measured}."
        ),
        "zh": (
            "梯度消失：γ·σ_max = {gs:.2f} < 1，所以每往回一步，梯度至少缩小 {bound:.3f} 个数量级"
            "（由上界决定）。实测：{measured}。"
        ),
    },
    "heatmap.badge.vanishing.no_recurrence": {
        "en": (
            "No recurrence: with σ_max = 0 (Ws = 0) the gradient does not reach earlier steps at all. "
            "Every term with k < t is exactly 0 (grey), so only the diagonal k = t is left: a "
            "feed-forward network applied at each step."
        ),
        "zh": (
            "没有循环：σ_max = 0（Ws = 0）时，梯度根本传不到更早的步。所有 k < t 的项都恰好为 0（灰色），"
            "只剩对角线 k = t：相当于在每一步单独使用的前馈网络。"
        ),
    },
    "heatmap.badge.vanishing.saturation": {
        "en": (
            "Vanishing, although σ_max ≥ 1/γ: f'(a) < γ wherever a ≠ 0 (the units saturate), so the "
            "gradient still shrinks. Measured: {measured}."
        ),
        "zh": (
            "梯度消失，尽管 σ_max ≥ 1/γ：只要 a ≠ 0 就有 f'(a) < γ（神经元饱和），所以梯度仍然缩小。"
            "实测：{measured}。"
        ),
    },
    "heatmap.badge.vanishing.cut": {
        "en": (
            "The gradient does not reach earlier steps: at one step f' = 0 for every unit (every relu "
            "is off), so every earlier term is exactly 0."
        ),
        "zh": "梯度传不到更早的步：在某一步所有神经元的 f' 都为 0（relu 全部关闭），所以更早的项都恰好为 0。",
    },
    "heatmap.badge.exploding.measured": {
        "en": (
            "Exploding: {measured} (measured). σ_max ≥ 1/γ makes this possible: the bound allows at "
            "most {bound:.3f} decades of growth per step."
        ),
        "zh": (
            "梯度爆炸：{measured}（实测）。σ_max ≥ 1/γ 使之成为可能："
            "上界允许每步最多增大 {bound:.3f} 个数量级。"
        ),
    },
    "heatmap.badge.edge.measured": {
        "en": (
            "At the edge: the gradient neither shrinks nor grows by more than {tol} decades per step "
            "back. Measured: {measured}."
        ),
        "zh": "处于边缘：每往回一步，梯度缩小或增大都不超过 {tol} 个数量级。实测：{measured}。",
    },
    "heatmap.badge.edge.unmeasured": {
        "en": (
            "Only one step (T = 1): there is no earlier step for the gradient to reach, "
            "so nothing to measure."
        ),
        "zh": "只有一步（T = 1）：没有更早的步可供梯度到达，因此无从测量。",
    },
    "heatmap.slope.shrinks": {
        "en": (
            "it shrinks by {per_step:.3f} decades per step back, about {total:.1f} decades over {lags} steps"
        ),
        "zh": "每往回一步缩小 {per_step:.3f} 个数量级，{lags} 步共约 {total:.1f} 个数量级",
    },
    "heatmap.slope.grows": {
        "en": "it grows by {per_step:.3f} decades per step back, about {total:.1f} decades over {lags} steps",
        "zh": "每往回一步增大 {per_step:.3f} 个数量级，{lags} 步共约 {total:.1f} 个数量级",
    },
    "heatmap.slope.zero": {
        "en": "every earlier term is exactly 0",
        "zh": "更早的项都恰好为 0",
    },
    "heatmap.slope.none": {
        "en": "there is no earlier step to measure (T = 1)",
        "zh": "没有更早的步可供测量（T = 1）",
    },
    "heatmap.rule": {
        "en": (
            "How the badge decides: below σ_max = 1/γ the Pascanu bound alone decides (the gradient must "
            "vanish). At or above 1/γ the slope fitted to the decay chart decides: growing by more than "
            "{tol} decades per step back is exploding, shrinking by more than {tol} is vanishing, and in "
            "between is the edge."
        ),
        "zh": (
            "判定方法：σ_max < 1/γ 时只由 Pascanu 上界决定（梯度必然消失）。σ_max ≥ 1/γ 时由衰减图拟合出的"
            "斜率决定：每往回一步增大超过 {tol} 个数量级为梯度爆炸，缩小超过 {tol} 个数量级为梯度消失，"
            "介于两者之间为边缘。"
        ),
    },
    "heatmap.no_reach": {
        "en": "Ws = 0: there is no earlier-step term,<br>dE_T/ds_k = 0 for every k < T",
        "zh": "Ws = 0：没有来自更早步的项，<br>对每个 k < T 都有 dE_T/ds_k = 0",
    },
    "heatmap.sv_zero": {
        "en": "Ws = 0: all singular values are 0",
        "zh": "Ws = 0：所有奇异值都为 0",
    },
    "heatmap.states": {
        "en": "How big the states are: log10 ‖s_k‖",
        "zh": "状态有多大：log10 ‖s_k‖",
    },
    "heatmap.states_x": {
        "en": "k (step)",
        "zh": "k（步骤）",
    },
    "heatmap.why_flat": {
        "en": (
            "Term k of dE_t/dWs is u_{t,k} s_{k−1}ᵀ, so its size is ‖u_{t,k}‖·‖s_{k−1}‖, while term k "
            "of dE_t/dWx has size ‖u_{t,k}‖·‖x_k‖. When the states grow forward as fast as the gradient "
            "grows backward (a linear RNN with σ_max > 1), the two growths cancel and each row of the Ws "
            "map is flat: the blow-up shows in the Wx map, in the decay chart and in ‖s_k‖ below."
        ),
        "zh": (
            "dE_t/dWs 的第 k 项是 u_{t,k} s_{k−1}ᵀ，大小为 ‖u_{t,k}‖·‖s_{k−1}‖；dE_t/dWx 的第 k 项大小为 "
            "‖u_{t,k}‖·‖x_k‖。当状态向前增长的速度与梯度向后增长的速度相同（σ_max > 1 的线性 RNN），"
            "两者相互抵消，Ws 热力图的每一行都是平的：爆炸体现在 Wx 热力图、衰减图和下方的 ‖s_k‖ 中。"
        ),
    },
    "heatmap.legend": {
        "en": "Blank cell: no term (k > t). Grey cell: a term that is exactly 0.",
        "zh": "空白格子：没有这一项（k > t）。灰色格子：恰好为 0 的项。",
    },
    "heatmap.download_csv": {
        "en": "Download the Ws map (CSV)",
        "zh": "下载 Ws 热力图数据（CSV）",
    },
    "heatmap.download_json": {
        "en": "Download every number shown (JSON)",
        "zh": "下载显示的全部数值（JSON）",
    },
    "heatmap.cell_t": {
        "en": "Loss step t (0 = the last step, T)",
        "zh": "损失所在的步骤 t（0 表示最后一步 T）",
    },
    "heatmap.cell_k": {
        "en": "Term k (the step the term flows through)",
        "zh": "第 k 项（这一项经过的步骤）",
    },
    "heatmap.cell_w": {
        "en": "Weight",
        "zh": "权重",
    },
    "heatmap.cell": {
        "en": "the cell written out below",
        "zh": "下方展开的格子",
    },
    "heatmap.formula": {
        "en": "One cell written out: term {k} of dE_{t}/d{weight}",
        "zh": "展开一个格子：dE_{t}/d{weight} 的第 {k} 项",
    },
    "heatmap.formula_how": {
        "en": (
            "Click a cell of either map (or set t, k and the weight here) to see its term as the "
            "chapter writes it, with the size of every factor. The cell is part of the link, so a "
            "shared link opens the same cell."
        ),
        "zh": (
            "点击任一热力图中的格子（或在这里设置 t、k 和权重），即可看到这一项按本章的写法展开，"
            "并给出每个因子的大小。所选格子会写进链接，分享链接时会打开同一个格子。"
        ),
    },
}

# The same table per language, the shape i18n.STRINGS merges.
STRINGS = by_language(TEXTS)

"""Every visible string of the app, in English and 中文, from one table.

Technical terms follow the chapter: 循环神经网络, 通过时间的反向传播 (BPTT),
梯度消失, 梯度爆炸, 梯度裁剪, 展开, 有状态/无状态, 作者归属.
"""

from __future__ import annotations

from visualizer.app.locales import authorship, cliff, clipping, layers, tour

LANGUAGES = {"en": "English", "zh": "中文"}

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "app.title": "RNN Gradient Flow Lab",
        "app.language": "Language",
        "app.url_note": "Some link settings were not understood and were reset: {notes}",
        "url.fallback": "{name}={raw} ({why}; using {default})",
        "url.why.range": "outside {lo}..{hi}",
        "url.why.choice": "not one of {choices}",
        "url.why.integer": "not a whole number",
        "url.why.number": "not a number",
        "url.why.bool": "not 1 or 0",
        "url.why.long": "longer than {n} characters, not read",
        "url.why.unknown": "not a setting of this page",
        "url.why.count": "the link has more than {n} parameters; the rest were not read",
        "url.ignored": "{name}={raw} ({why}; ignored)",
        "app.upload_limit": "Up to {mb} MB per file (.txt, or a .zip of .txt files).",
        "app.presets": "Presets",
        "app.share": "Link to this view (copy and share)",
        "app.computing": "Computing the gradients…",
        "app.zero": "exactly 0",
        "choice.tanh": "tanh",
        "choice.sigmoid": "sigmoid",
        "choice.relu": "relu",
        "choice.linear": "linear",
        "choice.orthogonal": "orthogonal",
        "choice.normal": "normal",
        "choice.glorot_uniform": "glorot_uniform",
        "choice.all": "every step (many-to-many)",
        "choice.last": "last step only (many-to-one)",
        "home.nav": "Start here",
        "home.tour": "New here? Take the guided tour of the chapter, step by step",
        "home.what": (
            "A recurrent network reuses the same weights Wx, Ws and Wy at every step. Training it "
            "with backpropagation through time (BPTT) sends the error back through every earlier "
            "step, multiplying one Jacobian per step, so the signal that reaches far back can "
            "shrink to nothing (vanishing gradients) or blow up (exploding gradients). This lab "
            "computes those gradients exactly, term by term, and lets you watch them as you move "
            "the sliders. Every view can be shared as a link that reopens the same settings."
        ),
        "home.start": "Start here",
        "home.card.e3": "The chapter's E3 example, term by term",
        "home.card.ffnn": "FFNN: with Ws = 0 only the diagonal is left",
        "home.card.vanishing": "Vanishing gradients (tanh, σ = 0.8)",
        "home.card.exploding": "Exploding gradients (linear, σ = 1.3)",
        "home.card.sigmoid": "Why the sigmoid vanishes sooner (γ = 1/4)",
        "home.card.regime": "The whole picture: the regime map",
        "heatmap.nav": "Gradient heatmaps",
        "heatmap.title": "How far back does the gradient reach?",
        "heatmap.what": (
            "BPTT writes dE_t/dW as a sum of terms, one per earlier step k that used the shared "
            "weight. Each cell is the size of one term: row t is the loss step, column k the step "
            "whose copy of the weight the term flows through. Each step back multiplies by "
            "diag(f'(a_j)) Ws, so below σ_max = 1/γ the colours fade away from the diagonal "
            "(vanishing gradients) and above it they can grow (exploding gradients). Grey cells "
            "are exactly 0; blank cells have no term, because E_t cannot depend on later steps."
        ),
        "heatmap.T": "Sequence length T",
        "heatmap.sigma": "σ_max(Ws)",
        "heatmap.act": "Activation f",
        "heatmap.init": "Ws initialiser (then scaled to σ_max)",
        "heatmap.H": "Hidden size H",
        "heatmap.scale": "Input scale",
        "heatmap.loss": "Loss steps",
        "heatmap.seed": "Seed",
        "heatmap.preset.vanishing": "Vanishing (tanh, σ = 0.8)",
        "heatmap.preset.exploding": "Exploding (linear, σ = 1.3)",
        "heatmap.preset.edge": "On the line σ_max = 1/γ (tanh, σ = 1)",
        "heatmap.preset.ffnn": "FFNN: Ws = 0",
        "heatmap.preset.sigmoid": "Sigmoid vanishes sooner (γ = 1/4)",
        "heatmap.map.Ws": "log10 ‖term k of dE_t/dWs‖",
        "heatmap.map.Wx": "log10 ‖term k of dE_t/dWx‖",
        "heatmap.map.Wy": "log10 ‖dE_t/dWy‖ (only the k = t term)",
        "heatmap.k": "k (step of the weight copy)",
        "heatmap.t": "t (loss step)",
        "heatmap.decay": "How ‖dE_T/ds_k‖ changes with the lag T − k",
        "heatmap.lag": "lag T − k",
        "heatmap.rise": "log10 ‖dE_T/ds_k‖ / ‖dE_T/ds_T‖",
        "heatmap.measured": "measured",
        "heatmap.bound": "Pascanu bound (γ·σ_max)^lag",
        "heatmap.sv": "Singular values of Ws",
        "heatmap.sv_index": "index",
        "heatmap.badge.vanishing.bound": (
            "Vanishing: γ·σ_max = {gs:.2f} < 1, so each step back shrinks the gradient by at least "
            "{bound:.3f} decades (the bound decides). Measured: {measured}."
        ),
        "heatmap.badge.vanishing.no_recurrence": (
            "No recurrence: with σ_max = 0 (Ws = 0) the gradient does not reach earlier steps at all. "
            "Every term with k < t is exactly 0 (grey), so only the diagonal k = t is left: a "
            "feed-forward network applied at each step."
        ),
        "heatmap.badge.vanishing.saturation": (
            "Vanishing, although σ_max ≥ 1/γ: f'(a) < γ wherever a ≠ 0 (the units saturate), so the "
            "gradient still shrinks. Measured: {measured}."
        ),
        "heatmap.badge.vanishing.cut": (
            "The gradient does not reach earlier steps: at one step f' = 0 for every unit (every relu "
            "is off), so every earlier term is exactly 0."
        ),
        "heatmap.badge.exploding.measured": (
            "Exploding: {measured} (measured). σ_max ≥ 1/γ makes this possible: the bound allows at "
            "most {bound:.3f} decades of growth per step."
        ),
        "heatmap.badge.edge.measured": (
            "At the edge: the gradient neither shrinks nor grows by more than {tol} decades per step "
            "back. Measured: {measured}."
        ),
        "heatmap.badge.edge.unmeasured": (
            "Only one step (T = 1): there is no earlier step for the gradient to reach, "
            "so nothing to measure."
        ),
        "heatmap.slope.shrinks": (
            "it shrinks by {per_step:.3f} decades per step back, about {total:.1f} decades over {lags} steps"
        ),
        "heatmap.slope.grows": (
            "it grows by {per_step:.3f} decades per step back, about {total:.1f} decades over {lags} steps"
        ),
        "heatmap.slope.zero": "every earlier term is exactly 0",
        "heatmap.slope.none": "there is no earlier step to measure (T = 1)",
        "heatmap.rule": (
            "How the badge decides: below σ_max = 1/γ the Pascanu bound alone decides (the gradient must "
            "vanish). At or above 1/γ the slope fitted to the decay chart decides: growing by more than "
            "{tol} decades per step back is exploding, shrinking by more than {tol} is vanishing, and in "
            "between is the edge."
        ),
        "heatmap.no_reach": "Ws = 0: there is no earlier-step term,<br>dE_T/ds_k = 0 for every k < T",
        "heatmap.sv_zero": "Ws = 0: all singular values are 0",
        "heatmap.states": "How big the states are: log10 ‖s_k‖",
        "heatmap.states_x": "k (step)",
        "heatmap.why_flat": (
            "Term k of dE_t/dWs is u_{t,k} s_{k−1}ᵀ, so its size is ‖u_{t,k}‖·‖s_{k−1}‖, while term k "
            "of dE_t/dWx has size ‖u_{t,k}‖·‖x_k‖. When the states grow forward as fast as the gradient "
            "grows backward (a linear RNN with σ_max > 1), the two growths cancel and each row of the Ws "
            "map is flat: the blow-up shows in the Wx map, in the decay chart and in ‖s_k‖ below."
        ),
        "heatmap.legend": "Blank cell: no term (k > t). Grey cell: a term that is exactly 0.",
        "heatmap.download_csv": "Download the Ws map (CSV)",
        "heatmap.download_json": "Download every number shown (JSON)",
        "unrolled.nav": "Unrolled graph",
        "unrolled.title": "Unrolling the network, and the paths of the gradient",
        "unrolled.what": (
            "Folded, an RNN is one cell with a loop: the state s feeds back through Ws. Unrolled, "
            "it is one copy of the cell per step, all sharing Wx, Ws and Wy. Pick a loss E_t and a "
            "weight: the edges that carry dE_t/dW light up, coloured by the size of the gradient "
            "flowing through them, computed by BPTT on the current weights. Step back from t to 1 "
            "to watch the sum over k build up, as in the chapter's figures 5.23 and 5.28."
        ),
        "unrolled.arch": "Architecture",
        "unrolled.view": "View",
        "unrolled.T": "Steps T",
        "unrolled.t": "Loss E_t at step t",
        "unrolled.weight": "Weight",
        "unrolled.k": "Backward walk has reached step k",
        "unrolled.sigma": "σ_max(Ws)",
        "unrolled.act": "Activation f",
        "unrolled.layers": "Layers",
        "unrolled.window": "TDNN window w",
        "unrolled.seed": "Seed",
        "unrolled.preset.e3": "The chapter's E3 example",
        "unrolled.step": "step",
        "unrolled.term": "term",
        "unrolled.snapped": "Showing E_{t} and step k = {k}: the nearest choices this architecture allows.",
        "unrolled.play": "▶ Walk back from t to 1",
        "unrolled.download_json": "Download the terms of this walk (JSON)",
        "unrolled.structure_only": (
            "This view shows the structure; gradient paths are drawn for the unrolled single-layer RNN."
        ),
        "unrolled.colorbar": "gradient size (log scale)",
        "unrolled.legend.forward": "forward pass (grey: not on this gradient's path)",
        "unrolled.legend.term": "edge whose weight gets term k of ∂E_t/∂W (colour: its size)",
        "unrolled.legend.chain": "backward pass: ∂E_t/∂s_k flowing back (colour: its size)",
        "unrolled.legend.no_ws": "Ws = 0: nothing flows between steps",
        "unrolled.only_t": "E_{t} is the only loss this architecture has for T = {T}.",
        "unrolled.term1_zero": (
            "Term 1 of ∂E_{t}/∂Ws is exactly 0: it ends in ∂⁺s₁/∂Ws = s₀, and the initial state s₀ is 0. "
            "The gradient still reaches step 1, through Wx (as the chapter's figure 5.22 shows)."
        ),
        "choice.many_to_many": "many-to-many",
        "choice.many_to_one": "many-to-one",
        "choice.one_to_many": "one-to-many",
        "choice.delay": "many-to-many with delay (encoder–decoder)",
        "choice.ffnn": "FFNN (Ws = 0)",
        "choice.stacked": "stacked RNN",
        "choice.tdnn": "TDNN",
        "choice.unrolled": "unrolled",
        "choice.folded": "folded",
        "choice.Ws": "Ws",
        "choice.Wx": "Wx",
        "choice.Wy": "Wy",
        "regime.nav": "Regime map",
        "regime.title": "Where do gradients vanish, and where do they explode?",
        "regime.what": (
            "Each cell is one network: Ws is an orthogonal matrix scaled to σ_max (across), "
            "run for T steps (up). The colour is how much of the last loss's gradient reaches "
            "the first state, ||dE_T/ds_1|| / ||dE_T/ds_T||. Left of the dashed line σ_max < 1/γ "
            "and the gradient must vanish; right of it, it may explode: possible, not certain, because "
            "saturating units (tanh at large σ_max, the sigmoid almost everywhere) keep f' below γ. "
            "Click a cell to open it in the gradient heatmaps."
        ),
        "regime.act": "Activation f",
        "regime.H": "Hidden size H",
        "regime.maxT": "Longest sequence T",
        "regime.seed": "Seed",
        "regime.map_title": "log10 ‖dE_T/ds_1‖ / ‖dE_T/ds_T‖",
        "regime.line": "σ_max = 1/γ",
        "regime.click": "Click a cell to open those settings in the gradient heatmaps.",
        "regime.colorbar": "ratio",
        "regime.scale_note": (
            "Blue: the gradient vanishes; white: a ratio of 1; red: it explodes. The colour stops at "
            "10^±10 (cells beyond take the end colours); hover a cell for its exact value. Computed in "
            "float64: in float32, chaotic tanh networks (σ_max above about 2.3, long T) come out wrong "
            "by up to 3 decades."
        ),
        "regime.download_json": "Download the map (JSON)",
    },
    "zh": {
        "app.title": "循环神经网络梯度流实验室",
        "app.language": "语言",
        "app.url_note": "链接中的部分设置无法识别，已恢复默认值：{notes}",
        "url.fallback": "{name}={raw}（{why}；改用 {default}）",
        "url.why.range": "不在 {lo}..{hi} 范围内",
        "url.why.choice": "不是 {choices} 之一",
        "url.why.integer": "不是整数",
        "url.why.number": "不是数字",
        "url.why.bool": "不是 1 或 0",
        "url.why.long": "超过 {n} 个字符，未读取",
        "url.why.unknown": "不是本页的设置",
        "url.why.count": "链接中的参数超过 {n} 个，其余的未读取",
        "url.ignored": "{name}={raw}（{why}；已忽略）",
        "app.upload_limit": "每个文件最大 {mb} MB（.txt 文件，或装有 .txt 文件的 .zip）。",
        "app.presets": "预设",
        "app.share": "当前视图的链接（复制后分享）",
        "app.computing": "正在计算梯度……",
        "app.zero": "恰好为 0",
        "choice.tanh": "tanh",
        "choice.sigmoid": "sigmoid",
        "choice.relu": "relu",
        "choice.linear": "线性",
        "choice.orthogonal": "正交",
        "choice.normal": "正态",
        "choice.glorot_uniform": "glorot_uniform",
        "choice.all": "每一步（多对多）",
        "choice.last": "仅最后一步（多对一）",
        "home.nav": "从这里开始",
        "home.tour": "第一次来？跟着章节导览一步一步学",
        "home.what": (
            "循环神经网络在每一步都重复使用同样的权重 Wx、Ws 和 Wy。用通过时间的反向传播（BPTT）"
            "训练它时，误差要穿过之前的每一步传回去，每经过一步就乘上一个雅可比矩阵，"
            "因此传到很远之前的信号可能缩小到几乎为零（梯度消失），也可能急剧增大（梯度爆炸）。"
            "本实验室逐项精确地计算这些梯度，让你拖动滑块时亲眼看到它们的变化。"
            "每个视图都可以作为链接分享，打开后是完全相同的设置。"
        ),
        "home.start": "从这里开始",
        "home.card.e3": "本章的 E3 例子，逐项展开",
        "home.card.ffnn": "前馈网络：Ws = 0 时只剩对角线",
        "home.card.vanishing": "梯度消失（tanh，σ = 0.8）",
        "home.card.exploding": "梯度爆炸（线性，σ = 1.3）",
        "home.card.sigmoid": "为什么 sigmoid 消失得更快（γ = 1/4）",
        "home.card.regime": "全貌：区域图",
        "heatmap.nav": "梯度热力图",
        "heatmap.title": "梯度能向前传播多远？",
        "heatmap.what": (
            "通过时间的反向传播（BPTT）把 dE_t/dW 写成若干项之和，每一项对应一个更早的、"
            "使用了共享权重的第 k 步。每个格子是一项的大小：行 t 是损失所在的步骤，"
            "列 k 是这一项所经过的权重副本所在的步骤。每往回一步就乘上 diag(f'(a_j)) Ws，"
            "所以当 σ_max < 1/γ 时，颜色离对角线越远越淡（梯度消失）；超过 1/γ 时则可能增大"
            "（梯度爆炸）。灰色格子恰好为 0；空白格子没有这一项，因为 E_t 不依赖之后的步骤。"
        ),
        "heatmap.T": "序列长度 T",
        "heatmap.sigma": "σ_max(Ws)",
        "heatmap.act": "激活函数 f",
        "heatmap.init": "Ws 初始化方式（之后缩放到 σ_max）",
        "heatmap.H": "隐藏层大小 H",
        "heatmap.scale": "输入尺度",
        "heatmap.loss": "计算损失的步骤",
        "heatmap.seed": "随机种子",
        "heatmap.preset.vanishing": "梯度消失（tanh，σ = 0.8）",
        "heatmap.preset.exploding": "梯度爆炸（线性，σ = 1.3）",
        "heatmap.preset.edge": "正好在 σ_max = 1/γ 线上（tanh，σ = 1）",
        "heatmap.preset.ffnn": "前馈网络：Ws = 0",
        "heatmap.preset.sigmoid": "sigmoid 消失得更快（γ = 1/4）",
        "heatmap.map.Ws": "log10 ‖dE_t/dWs 的第 k 项‖",
        "heatmap.map.Wx": "log10 ‖dE_t/dWx 的第 k 项‖",
        "heatmap.map.Wy": "log10 ‖dE_t/dWy‖（只有 k = t 这一项）",
        "heatmap.k": "k（权重副本所在的步骤）",
        "heatmap.t": "t（损失所在的步骤）",
        "heatmap.decay": "‖dE_T/ds_k‖ 随间隔 T − k 的变化",
        "heatmap.lag": "间隔 T − k",
        "heatmap.rise": "log10 ‖dE_T/ds_k‖ / ‖dE_T/ds_T‖",
        "heatmap.measured": "实测",
        "heatmap.bound": "Pascanu 上界 (γ·σ_max)^间隔",
        "heatmap.sv": "Ws 的奇异值",
        "heatmap.sv_index": "序号",
        "heatmap.badge.vanishing.bound": (
            "梯度消失：γ·σ_max = {gs:.2f} < 1，所以每往回一步，梯度至少缩小 {bound:.3f} 个数量级"
            "（由上界决定）。实测：{measured}。"
        ),
        "heatmap.badge.vanishing.no_recurrence": (
            "没有循环：σ_max = 0（Ws = 0）时，梯度根本传不到更早的步。所有 k < t 的项都恰好为 0（灰色），"
            "只剩对角线 k = t：相当于在每一步单独使用的前馈网络。"
        ),
        "heatmap.badge.vanishing.saturation": (
            "梯度消失，尽管 σ_max ≥ 1/γ：只要 a ≠ 0 就有 f'(a) < γ（神经元饱和），所以梯度仍然缩小。"
            "实测：{measured}。"
        ),
        "heatmap.badge.vanishing.cut": (
            "梯度传不到更早的步：在某一步所有神经元的 f' 都为 0（relu 全部关闭），所以更早的项都恰好为 0。"
        ),
        "heatmap.badge.exploding.measured": (
            "梯度爆炸：{measured}（实测）。σ_max ≥ 1/γ 使之成为可能："
            "上界允许每步最多增大 {bound:.3f} 个数量级。"
        ),
        "heatmap.badge.edge.measured": (
            "处于边缘：每往回一步，梯度缩小或增大都不超过 {tol} 个数量级。实测：{measured}。"
        ),
        "heatmap.badge.edge.unmeasured": "只有一步（T = 1）：没有更早的步可供梯度到达，因此无从测量。",
        "heatmap.slope.shrinks": "每往回一步缩小 {per_step:.3f} 个数量级，{lags} 步共约 {total:.1f} 个数量级",
        "heatmap.slope.grows": "每往回一步增大 {per_step:.3f} 个数量级，{lags} 步共约 {total:.1f} 个数量级",
        "heatmap.slope.zero": "更早的项都恰好为 0",
        "heatmap.slope.none": "没有更早的步可供测量（T = 1）",
        "heatmap.rule": (
            "判定方法：σ_max < 1/γ 时只由 Pascanu 上界决定（梯度必然消失）。σ_max ≥ 1/γ 时由衰减图拟合出的"
            "斜率决定：每往回一步增大超过 {tol} 个数量级为梯度爆炸，缩小超过 {tol} 个数量级为梯度消失，"
            "介于两者之间为边缘。"
        ),
        "heatmap.no_reach": "Ws = 0：没有来自更早步的项，<br>对每个 k < T 都有 dE_T/ds_k = 0",
        "heatmap.sv_zero": "Ws = 0：所有奇异值都为 0",
        "heatmap.states": "状态有多大：log10 ‖s_k‖",
        "heatmap.states_x": "k（步骤）",
        "heatmap.why_flat": (
            "dE_t/dWs 的第 k 项是 u_{t,k} s_{k−1}ᵀ，大小为 ‖u_{t,k}‖·‖s_{k−1}‖；dE_t/dWx 的第 k 项大小为 "
            "‖u_{t,k}‖·‖x_k‖。当状态向前增长的速度与梯度向后增长的速度相同（σ_max > 1 的线性 RNN），"
            "两者相互抵消，Ws 热力图的每一行都是平的：爆炸体现在 Wx 热力图、衰减图和下方的 ‖s_k‖ 中。"
        ),
        "heatmap.legend": "空白格子：没有这一项（k > t）。灰色格子：恰好为 0 的项。",
        "heatmap.download_csv": "下载 Ws 热力图数据（CSV）",
        "heatmap.download_json": "下载显示的全部数值（JSON）",
        "unrolled.nav": "展开图",
        "unrolled.title": "展开网络，以及梯度的路径",
        "unrolled.what": (
            "折叠时，循环神经网络是一个带环的单元：状态 s 经由 Ws 反馈回来。展开后，每一步都有一个"
            "单元的副本，它们共享 Wx、Ws 和 Wy。选择一个损失 E_t 和一个权重：承载 dE_t/dW 的边会亮起，"
            "颜色表示流过它的梯度大小，由当前权重的 BPTT 算出。从第 t 步一步步退回第 1 步，"
            "就能像本章图 5.23 和图 5.28 那样看到对 k 的求和逐项累加。"
        ),
        "unrolled.arch": "结构",
        "unrolled.view": "视图",
        "unrolled.T": "步数 T",
        "unrolled.t": "第 t 步的损失 E_t",
        "unrolled.weight": "权重",
        "unrolled.k": "反向传播已到达第 k 步",
        "unrolled.sigma": "σ_max(Ws)",
        "unrolled.act": "激活函数 f",
        "unrolled.layers": "层数",
        "unrolled.window": "TDNN 窗口 w",
        "unrolled.seed": "随机种子",
        "unrolled.preset.e3": "本章的 E3 例子",
        "unrolled.step": "步骤",
        "unrolled.term": "项",
        "unrolled.snapped": "显示 E_{t} 和第 k = {k} 步：这是该结构允许的最接近的选择。",
        "unrolled.play": "▶ 从第 t 步退回到第 1 步",
        "unrolled.download_json": "下载这次反向传播各项的数值（JSON）",
        "unrolled.structure_only": "此视图只显示结构；梯度路径画在展开的单层循环神经网络上。",
        "unrolled.colorbar": "梯度大小（对数刻度）",
        "unrolled.legend.forward": "前向传播（灰色：不在这条梯度路径上）",
        "unrolled.legend.term": "其权重得到 ∂E_t/∂W 第 k 项的边（颜色：该项大小）",
        "unrolled.legend.chain": "反向传播：∂E_t/∂s_k 向回流动（颜色：其大小）",
        "unrolled.legend.no_ws": "Ws = 0：步与步之间没有信息流动",
        "unrolled.only_t": "T = {T} 时，E_{t} 是该结构唯一的损失。",
        "unrolled.term1_zero": (
            "∂E_{t}/∂Ws 的第 1 项恰好为 0：它以 ∂⁺s₁/∂Ws = s₀ 结尾，而初始状态 s₀ 为 0。"
            "梯度仍然通过 Wx 到达第 1 步（如本章图 5.22 所示）。"
        ),
        "choice.many_to_many": "多对多",
        "choice.many_to_one": "多对一",
        "choice.one_to_many": "一对多",
        "choice.delay": "有延迟的多对多（编码器–解码器）",
        "choice.ffnn": "前馈网络（Ws = 0）",
        "choice.stacked": "堆叠循环神经网络",
        "choice.tdnn": "时延神经网络（TDNN）",
        "choice.unrolled": "展开",
        "choice.folded": "折叠",
        "choice.Ws": "Ws",
        "choice.Wx": "Wx",
        "choice.Wy": "Wy",
        "regime.nav": "区域图",
        "regime.title": "梯度在哪里消失，又在哪里爆炸？",
        "regime.what": (
            "每个格子代表一个网络：Ws 是缩放到 σ_max（横轴）的正交矩阵，运行 T 步（纵轴）。"
            "颜色表示最后一步损失的梯度有多少能传到第一个状态，即 ||dE_T/ds_1|| / ||dE_T/ds_T||。"
            "虚线左侧 σ_max < 1/γ，梯度必然消失；右侧梯度可能爆炸，但并不一定："
            "饱和的神经元（σ_max 较大时的 tanh，以及几乎所有情况下的 sigmoid）使 f' 低于 γ。"
            "点击格子即可在梯度热力图中打开它。"
        ),
        "regime.act": "激活函数 f",
        "regime.H": "隐藏层大小 H",
        "regime.maxT": "最长序列 T",
        "regime.seed": "随机种子",
        "regime.map_title": "log10 ‖dE_T/ds_1‖ / ‖dE_T/ds_T‖",
        "regime.line": "σ_max = 1/γ",
        "regime.click": "点击格子，在梯度热力图中打开这些设置。",
        "regime.colorbar": "比值",
        "regime.scale_note": (
            "蓝色：梯度消失；白色：比值为 1；红色：梯度爆炸。颜色在 10^±10 处截止（超出的格子取两端的颜色）；"
            "把鼠标悬停在格子上可看到精确值。以 float64 计算：用 float32 时，混沌的 tanh 网络"
            "（σ_max 大于约 2.3、T 较长）会偏差多达 3 个数量级。"
        ),
        "regime.download_json": "下载区域图数据（JSON）",
    },
}

# The later pages keep their strings in their own modules; one table still answers every key.
for _page in (tour, clipping, cliff, layers, authorship):
    for _lang in LANGUAGES:
        STRINGS[_lang].update(_page.STRINGS[_lang])


def text(lang: str, key: str, **values: object) -> str:
    """The string for key in lang (English if lang is unknown), with {names} filled in."""
    table = STRINGS.get(lang, STRINGS["en"])
    return table[key].format(**values) if values else table[key]


def has(key: str) -> bool:
    """Whether the table has a string for key."""
    return key in STRINGS["en"]

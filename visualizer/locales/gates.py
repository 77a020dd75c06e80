"""The "Why gates help" page's strings, in English and 中文."""

from visualizer.locales import by_language

TEXTS: dict[str, dict[str, str]] = {
    "gates.nav": {"en": "Why gates help", "zh": "门控为何有效"},
    "gates.title": {
        "en": "Why gates help: the LSTM's long path",
        "zh": "门控为何有效：LSTM 的长路径",
    },
    "gates.what": {
        "en": (
            "The same task, the same inputs and the same T for three recurrent networks: a SimpleRNN, "
            "a GRU and an LSTM (Keras's cells and initialisers). Each map shows every ‖dE_t/dh_k‖, how "
            "strongly the loss at step t reacts to the state at an earlier step k, all on one colour "
            "scale. In the SimpleRNN every step back multiplies by diag(tanh′)·Ws and the gradient "
            "fades. The LSTM keeps a share σ(a_f) of its cell state c at every step and carries it on: "
            "along that path a step back multiplies by the forget gate, close to 1 when its bias is "
            "large, so the gradient survives many steps (the GRU's update gate z does the same for h). "
            "Move the forget-gate and update-gate biases to close or open that path."
        ),
        "zh": (
            "同一个任务、同样的输入、同样的 T，三个循环神经网络：SimpleRNN、GRU 和 LSTM"
            "（Keras 的单元与初始化）。"
            "每张图显示所有的 ‖dE_t/dh_k‖，即第 t 步的损失对更早的第 k 步状态的敏感程度，三张图用同一个色标。"
            "在 SimpleRNN 中，每往回一步就乘以 diag(tanh′)·Ws，梯度逐渐消失（梯度消失）。"
            "LSTM 在每一步保留细胞状态 c 的一部分 σ(a_f) 并把它传下去：沿着这条路径，每往回一步乘以遗忘门，"
            "遗忘门偏置较大时它接近 1，梯度就能穿过很多步（GRU 的更新门 z 对 h 起同样的作用）。"
            "拖动遗忘门和更新门的偏置，可以关闭或打开这条路径。"
        ),
    },
    "gates.T": {"en": "Sequence length T", "zh": "序列长度 T"},
    "gates.H": {"en": "Hidden size H", "zh": "隐藏层大小 H"},
    "gates.forget": {"en": "LSTM forget-gate bias", "zh": "LSTM 遗忘门偏置"},
    "gates.update": {"en": "GRU update-gate bias", "zh": "GRU 更新门偏置"},
    "gates.scale": {"en": "Input scale (std of x)", "zh": "输入尺度（x 的标准差）"},
    "gates.loss": {"en": "Loss at", "zh": "损失位于"},
    "gates.seed": {"en": "Random seed", "zh": "随机种子"},
    "gates.lab": {"en": "Lab below: what Train trains", "zh": "下方实验：训练什么"},
    "gates.steps": {"en": "Lab below: training steps", "zh": "下方实验：训练步数"},
    "gates.choice.default": {"en": "LSTM forget-gate bias 3", "zh": "LSTM 遗忘门偏置 3"},
    "gates.choice.forget_bias_1": {"en": "Keras's forget-gate bias 1", "zh": "Keras 的遗忘门偏置 1"},
    "gates.choice.all": {"en": "every step", "zh": "每一步"},
    "gates.choice.last": {"en": "the last step", "zh": "最后一步"},
    "gates.preset.default": {"en": "Keras's defaults", "zh": "Keras 默认设置"},
    "gates.preset.closed_gates": {"en": "Closed gates", "zh": "关闭的门"},
    "gates.preset.open_gates": {"en": "Open gates", "zh": "打开的门"},
    "gates.preset.gentle_inputs": {"en": "Gentle inputs", "zh": "温和的输入"},
    "gates.cell.simple_rnn": {"en": "SimpleRNN", "zh": "SimpleRNN"},
    "gates.cell.gru": {"en": "GRU", "zh": "GRU"},
    "gates.cell.lstm": {"en": "LSTM", "zh": "LSTM"},
    "gates.verdict.reach": {
        "en": "reaches back 10^{exponent} over T − 1 = {lags} steps ({per_step} decades per step)",
        "zh": "在 T − 1 = {lags} 步上向前传到 10^{exponent}（每步 {per_step} 个数量级）",
    },
    "gates.verdict.zero": {
        "en": "the gradient at step 1 is exactly 0: nothing reaches back over the {lags} steps",
        "zh": "第 1 步的梯度恰好为 0：{lags} 步之前什么也传不到",
    },
    "gates.verdict.none": {
        "en": "nothing to measure over {lags} steps",
        "zh": "{lags} 步上没有可测量的量",
    },
    "gates.k": {"en": "earlier step k", "zh": "更早的步 k"},
    "gates.t": {"en": "loss step t", "zh": "损失步 t"},
    "gates.lag": {"en": "lag t − k", "zh": "滞后 t − k"},
    "gates.map.state": {"en": "{cell}: ‖dE_t/dh_k‖", "zh": "{cell}：‖dE_t/dh_k‖"},
    "gates.map.cell": {
        "en": "LSTM: ‖dE_t/dc_k‖, the cell state's path",
        "zh": "LSTM：‖dE_t/dc_k‖，细胞状态的路径",
    },
    "gates.maps_legend": {
        "en": (
            "Row t, column k: how much the loss at step t depends on the state at step k (log10 colour, one "
            "scale for all maps). Far from the diagonal is far back in time; a dark lower-left corner means "
            "the gradient vanished on the way."
        ),
        "zh": (
            "第 t 行第 k 列：第 t 步的损失在多大程度上依赖第 k 步的状态（log10 色标，所有图共用一个色标）。"
            "离对角线越远，时间上越早；左下角越暗，说明梯度在途中消失了。"
        ),
    },
    "gates.cell_legend": {
        "en": (
            "Left: the same map for the LSTM's cell state c_k, the path the forget gate keeps open. Right: "
            "‖dE_T/dh_{T−lag}‖ relative to ‖dE_T/dh_T‖ for the loss at the last step, one line per cell: "
            "a flat line is a gradient that still arrives, a falling one a gradient that vanishes."
        ),
        "zh": (
            "左：LSTM 细胞状态 c_k 的同一种图，也就是遗忘门保持畅通的那条路径。右：最后一步损失的 "
            "‖dE_T/dh_{T−lag}‖ 相对于 ‖dE_T/dh_T‖，每种单元一条线："
            "线越平，梯度越能传到；线下降，梯度就在消失。"
        ),
    },
    "gates.decay": {
        "en": "How ‖dE_T/dh_k‖ falls with the lag T − k",
        "zh": "‖dE_T/dh_k‖ 随滞后 T − k 的衰减",
    },
    "gates.rise": {"en": "log10 ratio", "zh": "log10 比值"},
    "gates.lag_T": {"en": "lag T − k", "zh": "滞后 T − k"},
    "gates.download_csv": {"en": "CSV: {cell}'s map", "zh": "CSV：{cell} 的图"},
    "gates.download_json": {"en": "JSON: all maps", "zh": "JSON：全部图"},
    "gates.download_runs": {"en": "Download the training curves (JSON)", "zh": "下载训练曲线（JSON）"},
    "gates.lesson.default": {
        "en": (
            "Lesson: with Keras's defaults (gate biases 1) and strongly driven inputs (std 2), the "
            "SimpleRNN's saturated tanh loses about 11 decades between the last step and the first, the "
            "GRU and the LSTM only about 6: the gated cells' gradient reaches the first step over a "
            "thousand times (3 decades) more strongly. Compare the three verdict lines and the decay curves."
        ),
        "zh": (
            "要点：在 Keras 默认设置下（门偏置为 1），输入较强（标准差 2）时，SimpleRNN 饱和的 tanh "
            "从最后一步到第 1 步损失约 11 个数量级，GRU 和 LSTM 只损失约 6 个：门控单元传到第 1 步的梯度"
            "强一千倍以上（3 个数量级）。比较三行结论和衰减曲线。"
        ),
    },
    "gates.lesson.closed_gates": {
        "en": (
            "Lesson: with the gate biases at −3 the forget gate and the update gate are almost shut "
            "(σ(−3) ≈ 0.05): each step keeps only about 5 % of the old state, the long path is closed, and "
            "the gated cells' gradients vanish far faster than the SimpleRNN's, by tens of decades. Gates "
            "help only when they keep."
        ),
        "zh": (
            "要点：门偏置为 −3 时，遗忘门和更新门几乎关闭（σ(−3) ≈ 0.05）：每一步只保留旧状态的约 5%，"
            "长路径被关闭，门控单元的梯度消失得比 SimpleRNN 快得多，"
            "相差几十个数量级。门只有在“保留”时才有帮助。"
        ),
    },
    "gates.lesson.open_gates": {
        "en": (
            "Lesson: with the gate biases at 5 the forget gate and the update gate are nearly 1 "
            "(σ(5) ≈ 0.993): a step keeps almost all of the old state, so the gradient travels back along "
            "the cell state (LSTM) and along z ⊙ h (GRU) with little loss: from the last step to the first "
            "it stays within about a decade, while the SimpleRNN's vanishes by 11."
        ),
        "zh": (
            "要点：门偏置为 5 时，遗忘门和更新门接近 1（σ(5) ≈ 0.993）：每一步几乎保留全部旧状态，"
            "梯度沿着细胞状态（LSTM）和 z ⊙ h（GRU）往回传，"
            "几乎没有损失：从最后一步到第 1 步只差约一个数量级，"
            "而 SimpleRNN 的梯度消失了 11 个数量级。"
        ),
    },
    "gates.lesson.gentle_inputs": {
        "en": (
            "Lesson: with gentle inputs (std 0.25) the SimpleRNN's tanh hardly saturates and, with "
            "σ_max(Ws) = 1, it loses only about 2 decades: now it reaches further back than the GRU and "
            "the LSTM at their default biases, by about 3 decades. Gates do not help by being gates: "
            "they help through how much their biases keep."
        ),
        "zh": (
            "要点：输入温和（标准差 0.25）时，SimpleRNN 的 tanh 几乎不饱和，"
            "σ_max(Ws) = 1 时只损失约 2 个数量级："
            "这时它比默认偏置下的 GRU 和 LSTM 传得更远，约多 3 个数量级。门控并不是因为“是门”才有帮助，"
            "而是靠偏置决定保留多少。"
        ),
    },
    "gates.lab_title": {"en": "Train all three", "zh": "三种单元一起训练"},
    "gates.lab_what": {
        "en": (
            "The temporal-order task needs memory: two markers among distractors, early in a sequence of "
            "T = {T} steps, decide the class (4 classes, chance 25 %). The three cells (H = {H}) train for "
            "{steps} steps with Adam on the same batches, from the seed set above, with the LSTM's "
            "forget-gate bias at {forget:g} and the GRU's update-gate bias at {update:g} (choose the lab "
            "in the sidebar). Below the curves: how far back the gradient reaches before and after training."
        ),
        "zh": (
            "时间顺序任务需要记忆：长度 T = {T} 的序列前部、在干扰符号之间的两个标记决定类别"
            "（4 类，随机水平 25%）。"
            "三种单元（H = {H}）用 Adam 在同样的批次上训练 {steps} 步，随机种子取上面的设置，"
            "LSTM 遗忘门偏置为 {forget:g}，GRU 更新门偏置为 {update:g}（在侧边栏选择实验）。"
            "曲线下方：训练前后梯度能向前传多远。"
        ),
    },
    "gates.train": {"en": "Train all three", "zh": "训练三种单元"},
    "gates.press_train": {
        "en": "Press “Train all three” to train the SimpleRNN, the GRU and the LSTM side by side.",
        "zh": "按“训练三种单元”，并排训练 SimpleRNN、GRU 和 LSTM。",
    },
    "gates.compiling": {
        "en": "Compiling the training steps for these shapes (a few seconds, once)…",
        "zh": "正在为这些形状编译训练步骤（只需几秒，一次）……",
    },
    "gates.diverged": {
        "en": "Stopped at step {step}: the gradient was not finite",
        "zh": "在第 {step} 步停止：梯度不是有限值",
    },
    "gates.failed": {"en": "Training failed: {error}", "zh": "训练失败：{error}"},
    "gates.step": {"en": "training step", "zh": "训练步"},
    "gates.accuracy": {"en": "held-out accuracy", "zh": "留出集准确率"},
    "gates.chance": {"en": "chance 25 %", "zh": "随机水平 25%"},
    "gates.reach_title": {"en": "How far back the gradient reaches", "zh": "梯度能向前传多远"},
    "gates.reach_markers": {"en": "markers", "zh": "标记"},
    "gates.reach_before": {"en": "before training", "zh": "训练前"},
    "gates.reach_after": {"en": "after {steps} steps", "zh": "训练 {steps} 步后"},
    "gates.reach_what": {
        "en": (
            "One held-out sequence, the loss at its last step: log10 ‖dE_T/dh_k‖ for every step k, one row "
            "per cell, one colour scale for both maps; the dotted lines are the sequence's two markers. "
            "A row that stays bright far to the left is a gradient that reaches the markers."
        ),
        "zh": (
            "一个留出序列，损失在最后一步：每一步 k 的 log10 ‖dE_T/dh_k‖，每种单元一行，两张图共用一个色标。"
            "虚线是该序列的两个标记。某一行在左边远处仍然明亮，说明梯度能传到这些标记。"
        ),
    },
}

STRINGS = by_language(TEXTS)

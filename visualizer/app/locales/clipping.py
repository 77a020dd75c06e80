"""The clipping page's strings, in English and 中文."""

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "clipping.nav": "Clipping lab",
        "clipping.title": "Does gradient clipping rescue training?",
        "clipping.what": (
            "The same SimpleRNN, from the same initial weights and on the same batches, is trained "
            "three ways: without clipping, with the gradient clipped by its global norm, and with each "
            "gradient entry clipped by value. Only the clipping differs. The task needs memory: the "
            "answer depends on two marked steps far apart in the sequence. Watch the gradient norm: "
            "when it jumps far above θ, an unclipped step throws the weights somewhere useless. "
            "Clipping by norm shortens such a step but keeps its direction (cosine 1); clipping by "
            "value cuts the large entries only, which turns the step (cosine below 1)."
        ),
        "clipping.task": "Task",
        "clipping.T": "Sequence length T",
        "clipping.H": "Hidden size H",
        "clipping.sigma": "σ_max(Ws) at initialisation",
        "clipping.opt": "Optimiser",
        "clipping.lr": "Learning rate α",
        "clipping.theta": "Clipping threshold θ",
        "clipping.steps": "Training steps",
        "clipping.seed": "Seed",
        "choice.temporal_order": "temporal order (4 classes)",
        "choice.adding": "adding problem (regression)",
        "choice.sgd": "SGD",
        "choice.momentum": "SGD + momentum 0.9",
        "choice.adam": "Adam",
        "clipping.preset.explodes": "Explodes without clipping",
        "clipping.preset.too_low": "Threshold too low",
        "clipping.preset.no_need": "No need to clip",
        "clipping.run.none": "no clipping",
        "clipping.run.global_norm": "clip by norm",
        "clipping.run.value": "clip by value",
        "clipping.train": "Train the three runs",
        "clipping.press_train": (
            "Press “Train the three runs”. Training is shared: if someone already trained these "
            "settings on this server, the result appears at once."
        ),
        "clipping.diverged": "Diverged at step {step}: the gradient was no longer a finite number.",
        "clipping.failed": "Training stopped with an error: {error}",
        "clipping.step": "training step",
        "clipping.panel.loss": "training loss",
        "clipping.panel.heldout": "held-out accuracy",
        "clipping.panel.cosine": "cos(g, clipped g)",
        "clipping.panel.grad_norm": "‖g‖ before clipping",
        "clipping.panel.clipped_norm": "‖g‖ after clipping",
        "clipping.panel.clipped_share": "share of steps clipped so far",
        "clipping.reach_title": "How far back does the trained network's gradient reach?",
        "clipping.reach_what": (
            "For one held-out sequence, each row shows log10 of the norm of term k of dE_T/dWs "
            "(the heatmap page's quantity for the last step's loss) with the weights saved at that "
            "training step, relative to the row's largest term (0 = the row's strongest term). "
            "Each row is scaled on its own, so rows of a run at chance and of a run that learned "
            "can be compared by their shape. The dotted lines mark the sequence's two markers: "
            "bright there means the loss at the end still reaches the steps the answer depends on."
        ),
        "clipping.reach_colorbar": "÷ row max",
        "clipping.reach_markers": "markers",
        "clipping.compiling": (
            "Compiling the training step for these sizes (a few seconds, once per size on this server)…"
        ),
        "clipping.value_rule": (
            "Clip by value bounds each of the P = {n_params:,} entries by θ/√P = {bound:.3g}: then "
            "the clipped gradient is at most θ long too, as with clip by norm, and the two differ "
            "only in direction. (Entries bounded by θ itself would almost never be touched.)"
        ),
        "clipping.lesson.explodes": (
            "Lesson: without clipping, SGD at α = 0.1 meets gradients several times θ, is thrown "
            "off and stays at chance (25 %); clipped by norm, the same network from the same start "
            "learns the task. Clipping by value bounds the step as well but turns it (cosine below 1), "
            "and here it learns too."
        ),
        "clipping.lesson.too_low": (
            "Lesson: with θ = 0.01 every step is clipped, so each update is at most α·θ = 0.001 "
            "long and the clipped runs crawl: in the same number of steps they stay near chance, "
            "while the same θ = 1 run of “Explodes without clipping” learns."
        ),
        "clipping.lesson.no_need": (
            "Lesson: a short sequence (T = 20) trained with Adam never meets a gradient longer than "
            "θ = 100, so clipping by norm never acts and its run is the unclipped run, line for line. "
            "Clipping by value can still touch a few steps: its bound per entry, θ/√P, is met by one "
            "large entry long before the whole gradient is θ long. All three runs learn."
        ),
        "clipping.reach_run": "Run",
        "clipping.reach_step": "Mark training step",
        "clipping.reach_map": "log10 ‖term k of dE_T/dWs‖ during training ({run})",
        "clipping.reach_marked": "step {step}",
        "clipping.download_json": "Download the three runs (JSON)",
    },
    "zh": {
        "clipping.nav": "梯度裁剪实验",
        "clipping.title": "梯度裁剪能挽救训练吗？",
        "clipping.what": (
            "同一个 SimpleRNN，从相同的初始权重出发，在相同的批次上，用三种方式训练：不裁剪、"
            "按全局范数裁剪梯度、按数值逐元素裁剪梯度。唯一的区别是裁剪方式。这个任务需要记忆："
            "答案取决于序列中相隔很远的两个标记步。请观察梯度范数：当它远远超过 θ 时，"
            "不裁剪的一步会把权重抛到无用的地方。按范数裁剪会缩短这一步但保持方向（余弦为 1）；"
            "按数值裁剪只截断较大的分量，因而改变了方向（余弦小于 1）。"
        ),
        "clipping.task": "任务",
        "clipping.T": "序列长度 T",
        "clipping.H": "隐藏层大小 H",
        "clipping.sigma": "初始化时的 σ_max(Ws)",
        "clipping.opt": "优化器",
        "clipping.lr": "学习率 α",
        "clipping.theta": "裁剪阈值 θ",
        "clipping.steps": "训练步数",
        "clipping.seed": "随机种子",
        "choice.temporal_order": "时间顺序（4 类）",
        "choice.adding": "加法问题（回归）",
        "choice.sgd": "SGD",
        "choice.momentum": "SGD + 动量 0.9",
        "choice.adam": "Adam",
        "clipping.preset.explodes": "不裁剪就爆炸",
        "clipping.preset.too_low": "阈值太低",
        "clipping.preset.no_need": "无需裁剪",
        "clipping.run.none": "不裁剪",
        "clipping.run.global_norm": "按范数裁剪",
        "clipping.run.value": "按数值裁剪",
        "clipping.train": "训练这三次运行",
        "clipping.press_train": (
            "请点击“训练这三次运行”。训练结果是共享的：如果有人已在本服务器上训练过这些设置，结果会立即显示。"
        ),
        "clipping.diverged": "在第 {step} 步发散：梯度已不再是有限数。",
        "clipping.failed": "训练因错误而停止：{error}",
        "clipping.step": "训练步",
        "clipping.panel.loss": "训练损失",
        "clipping.panel.heldout": "留出集准确率",
        "clipping.panel.cosine": "cos(g, 裁剪后的 g)",
        "clipping.panel.grad_norm": "裁剪前的 ‖g‖",
        "clipping.panel.clipped_norm": "裁剪后的 ‖g‖",
        "clipping.panel.clipped_share": "至今被裁剪的步数比例",
        "clipping.reach_title": "训练后网络的梯度能向前传播多远？",
        "clipping.reach_what": (
            "对一个留出序列，每一行给出该训练步保存的权重下 dE_T/dWs 第 k 项范数的 log10"
            "（即热力图页面中最后一步损失的那一行），并除以该行最大的一项（0 表示该行最强的一项）。"
            "每一行单独缩放，所以停在随机水平的运行和学会了任务的运行可以按形状比较。"
            "虚线标出序列的两个标记：那里越亮，说明末尾的损失仍能传到答案所依赖的步。"
        ),
        "clipping.reach_colorbar": "÷ 行最大值",
        "clipping.reach_markers": "标记",
        "clipping.compiling": "正在为这些尺寸编译训练步（几秒钟，本服务器上每种尺寸只需一次）……",
        "clipping.value_rule": (
            "按值裁剪把 P = {n_params:,} 个分量的每一个限制在 θ/√P = {bound:.3g} 以内："
            "这样裁剪后的梯度长度也不超过 θ，和按范数裁剪一样，两者只在方向上不同。"
            "（若每个分量以 θ 本身为界，几乎永远不会被裁剪。）"
        ),
        "clipping.lesson.explodes": (
            "要点：不裁剪时，α = 0.1 的 SGD 遇到数倍于 θ 的梯度，被甩开，停在随机水平（25%）；"
            "按范数裁剪时，同一个网络从同一起点学会了任务。按值裁剪同样限制了步长，但改变了方向"
            "（余弦小于 1），在这里它也学会了。"
        ),
        "clipping.lesson.too_low": (
            "要点：θ = 0.01 时每一步都被裁剪，每次更新至多 α·θ = 0.001，裁剪的运行几乎不动："
            "同样的步数内它们停在随机水平附近，而“不裁剪就爆炸”中 θ = 1 的运行学会了任务。"
        ),
        "clipping.lesson.no_need": (
            "要点：短序列（T = 20）用 Adam 训练，梯度长度从不超过 θ = 100，按范数裁剪从不起作用，"
            "它的运行与不裁剪的运行逐点相同。按值裁剪仍可能触及少数几步：每个分量的界 θ/√P "
            "在整个梯度长到 θ 之前就会被某一个大分量碰到。三次运行都学会了任务。"
        ),
        "clipping.reach_run": "运行",
        "clipping.reach_step": "标出训练步",
        "clipping.reach_map": "训练过程中的 log10 ‖dE_T/dWs 的第 k 项‖（{run}）",
        "clipping.reach_marked": "第 {step} 步",
        "clipping.download_json": "下载三次运行的数据（JSON）",
    },
}

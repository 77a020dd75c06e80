"""The clipping page's strings, in English and 中文."""

from visualizer.locales import by_language

TEXTS: dict[str, dict[str, str]] = {
    "clipping.nav": {
        "en": "Clipping lab",
        "zh": "梯度裁剪实验",
    },
    "clipping.title": {
        "en": "Does gradient clipping rescue training?",
        "zh": "梯度裁剪能挽救训练吗？",
    },
    "clipping.what": {
        "en": (
            "The same SimpleRNN, from the same initial weights and on the same batches, is trained "
            "three ways: without clipping, with the gradient clipped by its global norm, and with each "
            "gradient entry clipped by value. Only the clipping differs. The task needs memory: the "
            "answer depends on two marked steps far apart in the sequence. Watch the gradient norm: "
            "when it jumps far above θ, an unclipped step throws the weights somewhere useless. "
            "Clipping by norm shortens such a step but keeps its direction (cosine 1); clipping by "
            "value cuts the large entries only, which turns the step (cosine below 1)."
        ),
        "zh": (
            "同一个 SimpleRNN，从相同的初始权重出发，在相同的批次上，用三种方式训练：不裁剪、"
            "按全局范数裁剪梯度、按数值逐元素裁剪梯度。唯一的区别是裁剪方式。这个任务需要记忆："
            "答案取决于序列中相隔很远的两个标记步。请观察梯度范数：当它远远超过 θ 时，"
            "不裁剪的一步会把权重抛到无用的地方。按范数裁剪会缩短这一步但保持方向（余弦为 1）；"
            "按数值裁剪只截断较大的分量，因而改变了方向（余弦小于 1）。"
        ),
    },
    "clipping.task": {
        "en": "Task",
        "zh": "任务",
    },
    "clipping.T": {
        "en": "Sequence length T",
        "zh": "序列长度 T",
    },
    "clipping.H": {
        "en": "Hidden size H",
        "zh": "隐藏层大小 H",
    },
    "clipping.sigma": {
        "en": "σ_max(Ws) at initialisation",
        "zh": "初始化时的 σ_max(Ws)",
    },
    "clipping.opt": {
        "en": "Optimiser",
        "zh": "优化器",
    },
    "clipping.lr": {
        "en": "Learning rate α",
        "zh": "学习率 α",
    },
    "clipping.theta": {
        "en": "Clipping threshold θ",
        "zh": "裁剪阈值 θ",
    },
    "clipping.steps": {
        "en": "Training steps",
        "zh": "训练步数",
    },
    "clipping.seed": {
        "en": "Seed",
        "zh": "随机种子",
    },
    "choice.temporal_order": {
        "en": "temporal order (4 classes)",
        "zh": "时间顺序（4 类）",
    },
    "choice.adding": {
        "en": "adding problem (regression)",
        "zh": "加法问题（回归）",
    },
    "choice.sgd": {
        "en": "SGD",
        "zh": "SGD",
    },
    "choice.momentum": {
        "en": "SGD + momentum 0.9",
        "zh": "SGD + 动量 0.9",
    },
    "choice.adam": {
        "en": "Adam",
        "zh": "Adam",
    },
    "clipping.preset.explodes": {
        "en": "Explodes without clipping",
        "zh": "不裁剪就爆炸",
    },
    "clipping.preset.too_low": {
        "en": "Threshold too low",
        "zh": "阈值太低",
    },
    "clipping.preset.no_need": {
        "en": "No need to clip",
        "zh": "无需裁剪",
    },
    "clipping.run.none": {
        "en": "no clipping",
        "zh": "不裁剪",
    },
    "clipping.run.global_norm": {
        "en": "clip by norm",
        "zh": "按范数裁剪",
    },
    "clipping.run.value": {
        "en": "clip by value",
        "zh": "按数值裁剪",
    },
    "clipping.train": {
        "en": "Train the three runs",
        "zh": "训练这三次运行",
    },
    "clipping.press_train": {
        "en": (
            "Press “Train the three runs”. Training is shared: if someone already trained these "
            "settings on this server, the result appears at once."
        ),
        "zh": (
            "请点击“训练这三次运行”。训练结果是共享的：如果有人已在本服务器上训练过这些设置，结果会立即显示。"
        ),
    },
    "clipping.diverged": {
        "en": "Diverged at step {step}: the gradient was no longer a finite number.",
        "zh": "在第 {step} 步发散：梯度已不再是有限数。",
    },
    "clipping.failed": {
        "en": "Training stopped with an error: {error}",
        "zh": "训练因错误而停止：{error}",
    },
    "clipping.step": {
        "en": "training step",
        "zh": "训练步",
    },
    "clipping.panel.loss": {
        "en": "training loss",
        "zh": "训练损失",
    },
    "clipping.panel.heldout": {
        "en": "held-out accuracy",
        "zh": "留出集准确率",
    },
    "clipping.panel.cosine": {
        "en": "cos(g, clipped g)",
        "zh": "cos(g, 裁剪后的 g)",
    },
    "clipping.panel.grad_norm": {
        "en": "‖g‖ before clipping",
        "zh": "裁剪前的 ‖g‖",
    },
    "clipping.panel.clipped_norm": {
        "en": "‖g‖ after clipping",
        "zh": "裁剪后的 ‖g‖",
    },
    "clipping.panel.clipped_share": {
        "en": "share of steps clipped so far",
        "zh": "至今被裁剪的步数比例",
    },
    "clipping.reach_title": {
        "en": "How far back does the trained network's gradient reach?",
        "zh": "训练后网络的梯度能向前传播多远？",
    },
    "clipping.reach_what": {
        "en": (
            "For one held-out sequence, each row shows log10 of the norm of term k of dE_T/dWs "
            "(the heatmap page's quantity for the last step's loss) with the weights saved at that "
            "training step, relative to the row's largest term (0 = the row's strongest term). "
            "Each row is scaled on its own, so rows of a run at chance and of a run that learned "
            "can be compared by their shape. The dotted lines mark the sequence's two markers: "
            "bright there means the loss at the end still reaches the steps the answer depends on."
        ),
        "zh": (
            "对一个留出序列，每一行给出该训练步保存的权重下 dE_T/dWs 第 k 项范数的 log10"
            "（即热力图页面中最后一步损失的那一行），并除以该行最大的一项（0 表示该行最强的一项）。"
            "每一行单独缩放，所以停在随机水平的运行和学会了任务的运行可以按形状比较。"
            "虚线标出序列的两个标记：那里越亮，说明末尾的损失仍能传到答案所依赖的步。"
        ),
    },
    "clipping.reach_colorbar": {
        "en": "÷ row max",
        "zh": "÷ 行最大值",
    },
    "clipping.reach_markers": {
        "en": "markers",
        "zh": "标记",
    },
    "clipping.compiling": {
        "en": "Compiling the training step for these sizes (a few seconds, once per size on this server)…",
        "zh": "正在为这些尺寸编译训练步（几秒钟，本服务器上每种尺寸只需一次）……",
    },
    "clipping.value_rule": {
        "en": (
            "Clip by value bounds each of the P = {n_params:,} entries by θ/√P = {bound:.3g}: then "
            "the clipped gradient is at most θ long too, as with clip by norm, and the two differ "
            "only in direction. (Entries bounded by θ itself would almost never be touched.)"
        ),
        "zh": (
            "按值裁剪把 P = {n_params:,} 个分量的每一个限制在 θ/√P = {bound:.3g} 以内："
            "这样裁剪后的梯度长度也不超过 θ，和按范数裁剪一样，两者只在方向上不同。"
            "（若每个分量以 θ 本身为界，几乎永远不会被裁剪。）"
        ),
    },
    "clipping.lesson.explodes": {
        "en": (
            "Lesson: without clipping, SGD at α = 0.1 meets gradients several times θ, is thrown "
            "off and stays at chance (25 %); clipped by norm, the same network from the same start "
            "learns the task. Clipping by value bounds the step as well but turns it (cosine below 1), "
            "and here it learns too."
        ),
        "zh": (
            "要点：不裁剪时，α = 0.1 的 SGD 遇到数倍于 θ 的梯度，被甩开，停在随机水平（25%）；"
            "按范数裁剪时，同一个网络从同一起点学会了任务。按值裁剪同样限制了步长，但改变了方向"
            "（余弦小于 1），在这里它也学会了。"
        ),
    },
    "clipping.lesson.too_low": {
        "en": (
            "Lesson: with θ = 0.01 every step is clipped, so each update is at most α·θ = 0.001 "
            "long and the clipped runs crawl: in the same number of steps they stay near chance, "
            "while the same θ = 1 run of “Explodes without clipping” learns."
        ),
        "zh": (
            "要点：θ = 0.01 时每一步都被裁剪，每次更新至多 α·θ = 0.001，裁剪的运行几乎不动："
            "同样的步数内它们停在随机水平附近，而“不裁剪就爆炸”中 θ = 1 的运行学会了任务。"
        ),
    },
    "clipping.lesson.no_need": {
        "en": (
            "Lesson: a short sequence (T = 20) trained with Adam never meets a gradient longer than "
            "θ = 100, so clipping by norm never acts and its run is the unclipped run, line for line. "
            "Clipping by value can still touch a few steps: its bound per entry, θ/√P, is met by one "
            "large entry long before the whole gradient is θ long. All three runs learn."
        ),
        "zh": (
            "要点：短序列（T = 20）用 Adam 训练，梯度长度从不超过 θ = 100，按范数裁剪从不起作用，"
            "它的运行与不裁剪的运行逐点相同。按值裁剪仍可能触及少数几步：每个分量的界 θ/√P "
            "在整个梯度长到 θ 之前就会被某一个大分量碰到。三次运行都学会了任务。"
        ),
    },
    "clipping.reach_run": {
        "en": "Run",
        "zh": "运行",
    },
    "clipping.reach_step": {
        "en": "Mark training step",
        "zh": "标出训练步",
    },
    "clipping.reach_map": {
        "en": "log10 ‖term k of dE_T/dWs‖ during training ({run})",
        "zh": "训练过程中的 log10 ‖dE_T/dWs 的第 k 项‖（{run}）",
    },
    "clipping.reach_marked": {
        "en": "step {step}",
        "zh": "第 {step} 步",
    },
    "clipping.download_json": {
        "en": "Download the three runs (JSON)",
        "zh": "下载三次运行的数据（JSON）",
    },
}

# The same table per language, the shape i18n.STRINGS merges.
STRINGS = by_language(TEXTS)

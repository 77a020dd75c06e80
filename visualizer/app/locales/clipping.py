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
            "training step. Bright on the left means the loss at the end still reaches the early "
            "steps, where the markers are."
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
            "（即热力图页面中最后一步损失的那一行）。左侧越亮，说明末尾的损失仍能传到标记所在的早期步。"
        ),
        "clipping.reach_run": "运行",
        "clipping.reach_step": "标出训练步",
        "clipping.reach_map": "训练过程中的 log10 ‖dE_T/dWs 的第 k 项‖（{run}）",
        "clipping.reach_marked": "第 {step} 步",
        "clipping.download_json": "下载三次运行的数据（JSON）",
    },
}

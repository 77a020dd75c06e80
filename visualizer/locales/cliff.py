"""The clipping page's cliff panel strings, in English and 中文.

Widget labels are "clipping.{control}" (the controls are named cliff_*); the rest is "cliff.*".
"""

from visualizer.locales import by_language

TEXTS: dict[str, dict[str, str]] = {
    "clipping.cliff_w0": {
        "en": "Start w₀",
        "zh": "起点 w₀",
    },
    "clipping.cliff_b0": {
        "en": "Start b₀",
        "zh": "起点 b₀",
    },
    "clipping.cliff_lr": {
        "en": "Learning rate α",
        "zh": "学习率 α",
    },
    "clipping.cliff_threshold": {
        "en": "Clipping threshold",
        "zh": "裁剪阈值",
    },
    "clipping.cliff_steps": {
        "en": "Gradient-descent steps",
        "zh": "梯度下降步数",
    },
    "clipping.cliff_T": {
        "en": "Sequence length T",
        "zh": "序列长度 T",
    },
    "clipping.cliff_3d": {
        "en": "3-D surface",
        "zh": "三维曲面",
    },
    "cliff.title": {
        "en": "Pascanu's cliff: one unit, one wall",
        "zh": "Pascanu 的悬崖：一个单元，一堵墙",
    },
    "cliff.what": {
        "en": (
            "One recurrent unit, x_t = w·σ(x_{t−1}) + b, run for T steps from x_0 = 0.5, with the loss "
            "E = (σ(x_T) − 0.7)² (Pascanu, Mikolov & Bengio 2013, figure 6). For w above about 4.25 the "
            "dashed line is where x_0 = 0.5 sits exactly on the unstable fixed point: on one side x_T falls "
            "to the low fixed point, on the other to the high one. So E jumps there, and on a band too "
            "narrow to see at this resolution the gradient is about (w·σ'(0.5))^T times larger than around "
            "it: a cliff. Both runs start at the star and take the same steps until one lands on the wall. "
            "Without clipping that step is learning rate × a huge gradient and throws the weights far away; "
            "clipping by norm rescales the gradient to the threshold, keeps its direction, and the run "
            "stays where it was making progress. Move the start, the learning rate or the steps: whether a "
            "step lands on the wall is a matter of luck, which is why clipping is a safety net."
        ),
        "zh": (
            "一个循环单元 x_t = w·σ(x_{t−1}) + b，从 x_0 = 0.5 运行 T 步，损失为 E = (σ(x_T) − 0.7)²"
            "（Pascanu、Mikolov 和 Bengio 2013，图 6）。当 w 大于约 4.25 时，虚线上的 x_0 = 0.5 恰好是"
            "不稳定不动点：在它的一侧 x_T 落向低的不动点，另一侧落向高的不动点。所以 E 在那里跳变，"
            "而在一条窄到这个分辨率看不见的带上，梯度比周围大约 (w·σ'(0.5))^T 倍：这就是悬崖。"
            "两次运行都从星号出发，走完全相同的步子，直到其中一步落在墙上。不做梯度裁剪时，这一步等于"
            "学习率乘以一个巨大的梯度，把权重甩到很远的地方；按范数裁剪把梯度缩放到阈值、保持方向不变，"
            "运行停留在原本正在取得进展的地方。移动起点、学习率或步数：某一步是否落在墙上全凭运气，"
            "这正是梯度裁剪作为安全网的原因。"
        ),
    },
    "cliff.contour": {
        "en": "log10 E over (w, b), with gradient descent from the same start",
        "zh": "(w, b) 上的 log10 E，以及从同一起点出发的梯度下降",
    },
    "cliff.surface": {
        "en": "E over (w, b)",
        "zh": "(w, b) 上的 E",
    },
    "cliff.w": {
        "en": "w (recurrent weight)",
        "zh": "w（循环权重）",
    },
    "cliff.b": {
        "en": "b (bias)",
        "zh": "b（偏置）",
    },
    "cliff.colorbar": {
        "en": "E",
        "zh": "E",
    },
    "cliff.unclipped": {
        "en": "no clipping",
        "zh": "不裁剪",
    },
    "cliff.clipped": {
        "en": "clipped by norm at {threshold:g}",
        "zh": "按范数裁剪，阈值 {threshold:g}",
    },
    "cliff.start": {
        "en": "start",
        "zh": "起点",
    },
    "cliff.wall": {
        "en": "the wall: w·σ(0.5) + b = 0.5",
        "zh": "墙：w·σ(0.5) + b = 0.5",
    },
    "cliff.offscreen": {
        "en": "ends at ({w:.3g}, {b:.3g})",
        "zh": "终点 ({w:.3g}, {b:.3g})",
    },
    "cliff.final_loss": {
        "en": "{run}: final E",
        "zh": "{run}：最终 E",
    },
    "cliff.max_grad": {
        "en": "{run}: largest ‖∇E‖ (before clipping)",
        "zh": "{run}：最大 ‖∇E‖（裁剪前）",
    },
    "cliff.max_grad_help": {
        "en": (
            "Measured before clipping, on the path each run took. The clipped run walks up to the "
            "wall in small steps and meets its steepest point, so its largest raw gradient can exceed "
            "the unclipped run's; what clipping bounds is the step, shown as “largest step”."
        ),
        "zh": (
            "在每次运行自己走过的路径上、裁剪之前测得。裁剪的运行以小步走到墙边，遇到最陡的地方，"
            "所以它的最大原始梯度可以超过不裁剪的运行；裁剪限制的是步长，见“最大步长”。"
        ),
    },
    "cliff.details": {
        "en": (
            "{run}: {taken} steps, {n_clipped} above the threshold; largest step {step:.3g}; "
            "ends at (w, b) = ({w:.4g}, {b:.4g}) with ‖∇E‖ = {grad:.3g}."
        ),
        "zh": (
            "{run}：{taken} 步，其中 {n_clipped} 步超过阈值；最大步长 {step:.3g}；"
            "终点 (w, b) = ({w:.4g}, {b:.4g})，‖∇E‖ = {grad:.3g}。"
        ),
    },
    "cliff.diverged": {
        "en": "{run}: a non-finite gradient or step at step {step}; the run stops there.",
        "zh": "{run}：第 {step} 步的梯度或步长不是有限值，运行在此停止。",
    },
    "cliff.download": {
        "en": "Download both trajectories (JSON)",
        "zh": "下载两条轨迹（JSON）",
    },
}

# The same table per language, the shape i18n.STRINGS merges.
STRINGS = by_language(TEXTS)

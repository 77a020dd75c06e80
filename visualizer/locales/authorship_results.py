"""The authorship page's results strings, in English and 中文: the held-out scores, the training
curves, the table of documents and the gradient flow through one document.
"""

from visualizer.locales import by_language

TEXTS: dict[str, dict[str, str]] = {
    "authorship.heldout": {
        "en": "Held-out balanced accuracy (test documents)",
        "zh": "留出集平衡准确率（测试文档）",
    },
    "authorship.uncalibrated": {
        "en": ("Without calibration (raw 0.5 rule) the same test documents score {value}."),
        "zh": "不做校准（原始 0.5 规则）时，同一批测试文档的准确率是 {value}。",
    },
    "authorship.window_acc": {
        "en": "Held-out window accuracy",
        "zh": "留出窗口准确率",
    },
    "authorship.leaky_metric": {
        "en": "Window accuracy, random window split (leaky)",
        "zh": "窗口准确率，随机窗口划分（有泄漏）",
    },
    "authorship.leaky_compare": {
        "en": (
            "Random window split: {leaky:.0%} of held-out windows right; "
            "document split: {honest}. Overlapping windows of one paper sit on both sides, so the random "
            "split's number is inflated."
        ),
        "zh": (
            "随机窗口划分：留出窗口 {leaky:.0%} 判对；按文档划分：{honest}。"
            "同一篇文章"
            "相互重叠的窗口同时出现在两侧，所以随机划分的数字被夸大了。"
        ),
    },
    "authorship.leaky_missing": {
        "en": "not trained yet",
        "zh": "尚未训练",
    },
    "authorship.curves": {
        "en": "Training loss and held-out window accuracy",
        "zh": "训练损失与留出窗口准确率",
    },
    "authorship.loss": {
        "en": "loss",
        "zh": "损失",
    },
    "authorship.heldout_label": {
        "en": "held-out window accuracy",
        "zh": "留出窗口准确率",
    },
    "authorship.step": {
        "en": "step",
        "zh": "步",
    },
    "authorship.table": {
        "en": "Predictions for the unknown documents (figure 5.35)",
        "zh": "未知文档的预测（图 5.35）",
    },
    "authorship.col.document": {
        "en": "document",
        "zh": "文档",
    },
    "authorship.col.predicted": {
        "en": "predicted",
        "zh": "预测作者",
    },
    "authorship.col.vote": {
        "en": "window vote",
        "zh": "窗口投票",
    },
    "authorship.col.confidence": {
        "en": "confidence",
        "zh": "置信度",
    },
    "authorship.col.truth": {
        "en": "true author",
        "zh": "真实作者",
    },
    "authorship.col.mw": {
        "en": "Mosteller & Wallace (1964)",
        "zh": "Mosteller 与 Wallace（1964）",
    },
    "authorship.probability": {
        "en": "probability",
        "zh": "概率",
    },
    "authorship.agreement": {
        "en": (
            "Agrees with Mosteller & Wallace on {agree} of {total} disputed papers. "
            "(A model that always says Madison would too: the held-out accuracy above is the real test.)"
        ),
        "zh": (
            "在 {total} 篇有争议的文章中，"
            "有 {agree} 篇与 Mosteller 和 Wallace 的结论一致。"
            "（总是回答“麦迪逊”的模型也能做到：上面的留出准确率才是真正的检验。）"
        ),
    },
    "authorship.correct": {
        "en": "{right} of {total} unknown documents attributed to their true author.",
        "zh": "{total} 篇未知文档中有 {right} 篇归属正确。",
    },
    "authorship.flow": {
        "en": "Gradient flow in the trained model",
        "zh": "训练后模型中的梯度流",
    },
    "authorship.flow_what": {
        "en": (
            "Pick a document and a window: each character is coloured by ‖dE/dx_k‖, the "
            "gradient of the window's loss with respect to that character's input. The maps are BPTT's "
            "terms for Ws and Wx in this window."
        ),
        "zh": (
            "选择一篇文档和一个窗口：每个字符按 ‖dE/dx_k‖ 着色，即窗口损失对该字符输入的"
            "梯度。热图是该窗口中 Ws 与 Wx 的 BPTT 各项。"
        ),
    },
    "authorship.flow_note.last": {
        "en": "Last-state readout: the loss sits on the last step only.",
        "zh": "最后状态输出：损失只在最后一步。",
    },
    "authorship.flow_note.mean": {
        "en": (
            "Mean readout: every state feeds the output; the maps put a loss on "
            "every step (many-to-many), the character colours are exact."
        ),
        "zh": ("平均输出：每个状态都连到输出；热图在每一步放一个损失（多对多），字符颜色是精确值。"),
    },
    "authorship.flow_doc": {
        "en": "Document",
        "zh": "文档",
    },
    "authorship.flow_window": {
        "en": "Window",
        "zh": "窗口",
    },
    "authorship.chars": {
        "en": "Characters coloured by ‖dE/dx_k‖ (loss against the predicted author)",
        "zh": "按 ‖dE/dx_k‖ 着色的字符（损失针对预测作者）",
    },
    "authorship.k": {
        "en": "k (step)",
        "zh": "k（步）",
    },
    "authorship.t": {
        "en": "t (loss step)",
        "zh": "t（损失所在步）",
    },
    "authorship.map.Ws": {
        "en": "log10 ‖term k of dE_t/dWs‖",
        "zh": "log10 ‖dE_t/dWs 的第 k 项‖",
    },
    "authorship.map.Wx": {
        "en": "log10 ‖term k of dE_t/dWx‖",
        "zh": "log10 ‖dE_t/dWx 的第 k 项‖",
    },
}

# The same table per language, the shape i18n.STRINGS merges.
STRINGS = by_language(TEXTS)

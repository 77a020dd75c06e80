"""The strings every page shares, in English and 中文: the app shell, the link (URL) notes, and the
choices of the shared controls.
"""

from visualizer.locales import by_language

TEXTS: dict[str, dict[str, str]] = {
    "app.title": {
        "en": "RNN Gradient Flow Lab",
        "zh": "循环神经网络梯度流实验室",
    },
    "app.language": {
        "en": "Language",
        "zh": "语言",
    },
    "app.url_note": {
        "en": "Some link settings were not understood and were reset: {notes}",
        "zh": "链接中的部分设置无法识别，已恢复默认值：{notes}",
    },
    "url.fallback": {
        "en": "{name}={raw} ({why}; using {default})",
        "zh": "{name}={raw}（{why}；改用 {default}）",
    },
    "url.why.range": {
        "en": "outside {lo}..{hi}",
        "zh": "不在 {lo}..{hi} 范围内",
    },
    "url.why.choice": {
        "en": "not one of {choices}",
        "zh": "不是 {choices} 之一",
    },
    "url.why.integer": {
        "en": "not a whole number",
        "zh": "不是整数",
    },
    "url.why.number": {
        "en": "not a number",
        "zh": "不是数字",
    },
    "url.why.bool": {
        "en": "not 1 or 0",
        "zh": "不是 1 或 0",
    },
    "url.why.long": {
        "en": "longer than {n} characters, not read",
        "zh": "超过 {n} 个字符，未读取",
    },
    "url.why.unknown": {
        "en": "not a setting of this page",
        "zh": "不是本页的设置",
    },
    "url.why.count": {
        "en": "the link has more than {n} parameters; the rest were not read",
        "zh": "链接中的参数超过 {n} 个，其余的未读取",
    },
    "url.ignored": {
        "en": "{name}={raw} ({why}; ignored)",
        "zh": "{name}={raw}（{why}；已忽略）",
    },
    "app.upload_limit": {
        "en": "Up to {mb} MB per file (.txt, or a .zip of .txt files).",
        "zh": "每个文件最大 {mb} MB（.txt 文件，或装有 .txt 文件的 .zip）。",
    },
    "app.presets": {
        "en": "Presets",
        "zh": "预设",
    },
    "app.share": {
        "en": "Link to this view (copy and share)",
        "zh": "当前视图的链接（复制后分享）",
    },
    "app.computing": {
        "en": "Computing the gradients…",
        "zh": "正在计算梯度……",
    },
    # A training waiting for a free slot on the server (visualizer.app.jobs); {place} is "2nd",
    # {n} the bare number. Two keys so the English agrees with one training running.
    "app.queued": {
        "en": (
            "Waiting for a free trainer: {place} in line ({running} trainings running on this server, "
            "at most {cap} at once). It starts by itself; this notice updates as the line moves."
        ),
        "zh": (
            "正在排队等待训练名额：排在第 {n} 位"
            "（本服务器正在运行 {running} 个训练，最多可同时运行 {cap} 个）。"
            "轮到时会自动开始，排队位置会实时更新。"
        ),
    },
    "app.queued_one": {
        "en": (
            "Waiting for a free trainer: {place} in line (1 training running on this server, "
            "at most {cap} at once). It starts by itself; this notice updates as the line moves."
        ),
        "zh": (
            "正在排队等待训练名额：排在第 {n} 位（本服务器正在运行 1 个训练，最多可同时运行 {cap} 个）。"
            "轮到时会自动开始，排队位置会实时更新。"
        ),
    },
    "app.zero": {
        "en": "exactly 0",
        "zh": "恰好为 0",
    },
    "choice.tanh": {
        "en": "tanh",
        "zh": "tanh",
    },
    "choice.sigmoid": {
        "en": "sigmoid",
        "zh": "sigmoid",
    },
    "choice.relu": {
        "en": "relu",
        "zh": "relu",
    },
    "choice.linear": {
        "en": "linear",
        "zh": "线性",
    },
    "choice.orthogonal": {
        "en": "orthogonal",
        "zh": "正交",
    },
    "choice.normal": {
        "en": "normal",
        "zh": "正态",
    },
    "choice.glorot_uniform": {
        "en": "glorot_uniform",
        "zh": "glorot_uniform",
    },
    "choice.all": {
        "en": "every step (many-to-many)",
        "zh": "每一步（多对多）",
    },
    "choice.last": {
        "en": "last step only (many-to-one)",
        "zh": "仅最后一步（多对一）",
    },
}

# The same table per language, the shape i18n.STRINGS merges.
STRINGS = by_language(TEXTS)

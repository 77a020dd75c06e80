"""The authorship page's strings, in English and 中文: the controls, the corpora and training.

The results are in authorship_results, the uploaded texts and model files in authorship_files.
"""

from visualizer.locales import by_language

TEXTS: dict[str, dict[str, str]] = {
    "authorship.nav": {
        "en": "Authorship (Federalist)",
        "zh": "作者归属（联邦党人文集）",
    },
    "authorship.title": {
        "en": "Who wrote the disputed Federalist papers?",
        "zh": "有争议的《联邦党人文集》是谁写的？",
    },
    "authorship.title.textbook": {
        "en": "Who wrote the chapter's five unknown papers?",
        "zh": "本章的五篇未知文章是谁写的？",
    },
    "authorship.title.bronte": {
        "en": "Which Brontë sister wrote these chapters?",
        "zh": "这些章节出自勃朗特三姐妹中的哪一位？",
    },
    "authorship.title.upload": {
        "en": "Who wrote your unknown documents?",
        "zh": "你上传的未知文档是谁写的？",
    },
    "authorship.what": {
        "en": (
            "A character-level recurrent network reads windows of text and learns each author's "
            "style; a document's author is the one with the highest mean log-probability over its "
            "windows. Whole documents are held out: the validation documents choose the decision "
            "threshold, and the test documents, used for nothing else, give the accuracy. Authors "
            "can be imbalanced (51 Hamilton against 14 Madison papers in the Federalist corpus; the counts "
            "of the corpus shown are below), so every batch holds each author "
            "equally often (or the loss is weighted). With the last-state readout the gradient must "
            "travel back through every step of the window and vanishes; the mean over all states "
            "gives every character a short path."
        ),
        "zh": (
            "字符级循环神经网络读取文本窗口，学习每位作者的写作风格；一篇文档的作者是其所有窗口平均"
            "对数概率最高的那位。整篇文档被留出：验证文档用来选择判定阈值，测试文档不参与任何选择，"
            "只用来报告准确率。作者的文档数可能不平衡（联邦党人文集中汉密尔顿 51 篇、麦迪逊 14 篇；"
            "当前语料的篇数见下方），因此每个批次中各作者"
            "出现的次数相同（或对损失加权）。若只用最后一个状态输出，梯度必须穿过窗口的每一步，"
            "会发生梯度消失；对所有状态取平均则让每个字符都有一条短的梯度路径。"
        ),
    },
    "authorship.corpus": {
        "en": "Corpus",
        "zh": "语料",
    },
    "authorship.window": {
        "en": "Window length L (characters)",
        "zh": "窗口长度 L（字符）",
    },
    "authorship.readout": {
        "en": "Readout",
        "zh": "输出方式",
    },
    "authorship.H": {
        "en": "Hidden size H",
        "zh": "隐藏层大小 H",
    },
    "authorship.steps": {
        "en": "Training steps",
        "zh": "训练步数",
    },
    "authorship.balance": {
        "en": "Class balance",
        "zh": "类别平衡",
    },
    "authorship.leaky": {
        "en": "Random window split (as in the chapter)",
        "zh": "随机窗口划分（同本章做法）",
    },
    "authorship.seed": {
        "en": "Seed",
        "zh": "随机种子",
    },
    "authorship.choice.federalist": {
        "en": "Federalist: Hamilton vs Madison",
        "zh": "联邦党人文集：汉密尔顿 vs 麦迪逊",
    },
    "authorship.choice.textbook": {
        "en": "Textbook split (authors A and B)",
        "zh": "教材划分（作者 A 与 B）",
    },
    "authorship.choice.bronte": {
        "en": "Brontë sisters",
        "zh": "勃朗特三姐妹",
    },
    "authorship.choice.last": {
        "en": "last state (as in the chapter)",
        "zh": "最后一个状态（同本章）",
    },
    "authorship.choice.mean": {
        "en": "mean over all states",
        "zh": "所有状态的平均",
    },
    "authorship.choice.sampling": {
        "en": "balanced sampling",
        "zh": "均衡采样",
    },
    "authorship.choice.weights": {
        "en": "class weights",
        "zh": "类别权重",
    },
    "authorship.choice.none": {
        "en": "none",
        "zh": "不平衡处理",
    },
    "authorship.preset.chapter": {
        "en": "Chapter setup (L = 30, last state)",
        "zh": "本章设置（L = 30，最后状态）",
    },
    "authorship.preset.works_best": {
        "en": "Works best (L = 100, mean)",
        "zh": "效果最好（L = 100，平均）",
    },
    "authorship.preset.last_fails": {
        "en": "Last state fails (L = 100)",
        "zh": "最后状态失败（L = 100）",
    },
    "authorship.cleaning": {
        "en": "Cleaning: before and after",
        "zh": "清洗：之前与之后",
    },
    "authorship.before": {
        "en": "Before",
        "zh": "清洗前",
    },
    "authorship.after": {
        "en": "After (lowercase, one space, no names, bylines or signature)",
        "zh": "清洗后（小写、单个空格、去除作者名、署名行与签名）",
    },
    "authorship.count_item": {
        "en": "{author} ({n})",
        "zh": "{author}（{n} 篇）",
    },
    "authorship.count_sep": {
        "en": ", ",
        "zh": "、",
    },
    "authorship.split.federalist": {
        "en": (
            "Split: whole papers; validation and test papers are drawn from the "
            "known papers of each author, and the 12 disputed papers are the unknown documents."
        ),
        "zh": ("划分：按整篇文章；验证与测试文章取自每位作者的已知文章，12 篇有争议的文章是未知文档。"),
    },
    "authorship.split.textbook": {
        "en": (
            "Split: whole papers, as in the chapter's activity; the 5 unknown papers were not trained on."
        ),
        "zh": "划分：按整篇文章，同本章活动；5 篇未知文章不参与训练。",
    },
    "authorship.split.bronte": {
        "en": (
            "Split: whole chapters, but not whole novels. The wheel holds one novel "
            "each for Charlotte (Jane Eyre) and Emily (Wuthering Heights), chapters 1-8, so the unknown "
            "chapters come from the same novels as the training chapters. Character and place names are "
            "removed in cleaning (heathcliff, rochester, huntingdon, ...), but the setting, the plot's "
            "vocabulary and the narrator of one novel still help: read the accuracy as an upper bound on "
            "telling the sisters apart."
        ),
        "zh": (
            "划分：按整章，而不是按整部小说。数据包中夏洛蒂（《简·爱》）和艾米莉"
            "（《呼啸山庄》）各只有一部小说的第 1–8 章，所以未知章节与训练章节出自同一部小说。清洗时去掉了"
            "人物名和地名（heathcliff、rochester、huntingdon……），但同一部小说的场景、情节词汇和叙述者"
            "仍然有帮助：请把准确率看作区分三姐妹的上限。"
        ),
    },
    "authorship.split.upload": {
        "en": ("Split: whole documents of your upload; names are removed only where they are author names."),
        "zh": "划分：按你上传的整篇文档；只有作者名会被去掉。",
    },
    "authorship.balance_note": {
        "en": "Class balance: {balance}. Known documents per author: {counts}.",
        "zh": "类别平衡：{balance}。每位作者的已知文档数：{counts}。",
    },
    "authorship.train": {
        "en": "Train",
        "zh": "训练",
    },
    "authorship.stop": {
        "en": "Stop",
        "zh": "停止",
    },
    "authorship.training": {
        "en": "Training… step {step} of {steps}, loss {loss:.3f}",
        "zh": "训练中… 第 {step} / {steps} 步，损失 {loss:.3f}",
    },
    "authorship.shared": {
        "en": (
            "Everyone who asks for these settings shares this run; Stop detaches you, and "
            "the run stops when nobody watches it."
        ),
        "zh": "请求相同设置的所有人共享这次训练；“停止”只让你退出，没人观看时训练才会停止。",
    },
    "authorship.not_trained": {
        "en": "Press Train (or load a saved model) to see the predictions.",
        "zh": "点击“训练”（或加载已保存的模型）查看预测结果。",
    },
    "authorship.no_unknown": {
        "en": (
            "This corpus has no unknown documents to attribute: put some in a folder "
            "named unknown/ (or name the files unknown__title.txt)."
        ),
        "zh": (
            "这个语料没有需要归属的未知文档：请把它们放进名为 unknown/ 的文件夹"
            "（或把文件命名为 unknown__title.txt）。"
        ),
    },
    "authorship.failed": {
        "en": "Training failed: {error}",
        "zh": "训练失败：{error}",
    },
    "authorship.stopped": {
        "en": "Stopped at step {step}: these are the weights reached so far.",
        "zh": "在第 {step} 步停止：以下是目前得到的权重。",
    },
}

# The same table per language, the shape i18n.STRINGS merges.
STRINGS = by_language(TEXTS)

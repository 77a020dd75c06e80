"""The authorship page's strings, in English and 中文."""

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "authorship.nav": "Authorship (Federalist)",
        "authorship.title": "Who wrote the disputed Federalist papers?",
        "authorship.what": (
            "A character-level recurrent network reads windows of text and learns each author's "
            "style; a document's author is the one with the highest mean log-probability over its "
            "windows. Whole documents are held out: the validation documents choose the decision "
            "threshold, and the test documents, used for nothing else, give the accuracy. Authors "
            "are imbalanced (51 Hamilton vs 14 Madison papers), so every batch holds each author "
            "equally often (or the loss is weighted). With the last-state readout the gradient must "
            "travel back through every step of the window and vanishes; the mean over all states "
            "gives every character a short path."
        ),
        "authorship.corpus": "Corpus",
        "authorship.window": "Window length L (characters)",
        "authorship.readout": "Readout",
        "authorship.H": "Hidden size H",
        "authorship.steps": "Training steps",
        "authorship.balance": "Class balance",
        "authorship.leaky": "Random window split (as in the chapter)",
        "authorship.seed": "Seed",
        "authorship.choice.federalist": "Federalist: Hamilton vs Madison",
        "authorship.choice.textbook": "Textbook split (authors A and B)",
        "authorship.choice.bronte": "Brontë sisters",
        "authorship.choice.last": "last state (as in the chapter)",
        "authorship.choice.mean": "mean over all states",
        "authorship.choice.sampling": "balanced sampling",
        "authorship.choice.weights": "class weights",
        "authorship.choice.none": "none",
        "authorship.preset.chapter": "Chapter setup (L = 30, last state)",
        "authorship.preset.works_best": "Works best (L = 100, mean)",
        "authorship.preset.last_fails": "Last state fails (L = 100)",
        "authorship.cleaning": "Cleaning: before and after",
        "authorship.before": "Before",
        "authorship.after": "After (lowercase, one space, no names, bylines or signature)",
        "authorship.upload": "Or upload your own corpus: author__title.txt files, or one .zip with a folder "
        "per author and unknown/",
        "authorship.using_upload": "Using the uploaded corpus: {counts}; {unknown} unknown documents.",
        "authorship.upload.bad": "The upload was not accepted.",
        "authorship.upload.empty": "{name} is empty.",
        "authorship.upload.binary": "{name} is not a text file (it looks binary).",
        "authorship.upload.encoding": "{name} is not UTF-8 (byte {position}); save it as UTF-8 text.",
        "authorship.upload.too_large": "{name} is too large ({size:,} bytes; the limit is {limit:,}).",
        "authorship.upload.unsafe_zip": "The zip file was refused: {reason}.",
        "authorship.upload.file_name": "{name}: name files author__title.txt, or put them in a folder per "
        "author inside the zip.",
        "authorship.upload.one_author": "Found {count} author(s) ({authors}); attribution needs two or more.",
        "authorship.upload.too_little": "{name} has {chars} characters after cleaning; one window needs "
        "{needed}.",
        "authorship.balance_note": "Class balance: {balance}. Known documents per author: {counts}.",
        "authorship.train": "Train",
        "authorship.stop": "Stop",
        "authorship.training": "Training… step {step} of {steps}, loss {loss:.3f}",
        "authorship.shared": "Everyone who asks for these settings shares this run; Stop detaches you, and "
        "the run stops when nobody watches it.",
        "authorship.not_trained": "Press Train (or load a saved model) to see the predictions.",
        "authorship.failed": "Training failed: {error}",
        "authorship.load_failed": "This saved model was not loaded: {reason}",
        "authorship.stopped": "Stopped at step {step}: these are the weights reached so far.",
        "authorship.heldout": "Held-out balanced accuracy (test documents)",
        "authorship.uncalibrated": "with the raw 0.5 rule",
        "authorship.window_acc": "Held-out window accuracy",
        "authorship.leaky_metric": "Window accuracy, random window split (leaky)",
        "authorship.leaky_compare": "Random window split: {leaky:.0%} of held-out windows right; "
        "document split: {honest}. Overlapping windows of one paper sit on both sides, so the random "
        "split's number is inflated.",
        "authorship.leaky_missing": "not trained yet",
        "authorship.curves": "Training loss and held-out window accuracy",
        "authorship.loss": "loss",
        "authorship.heldout_label": "held-out window accuracy",
        "authorship.step": "step",
        "authorship.table": "Predictions for the unknown documents (figure 5.35)",
        "authorship.col.document": "document",
        "authorship.col.predicted": "predicted",
        "authorship.col.vote": "window vote",
        "authorship.col.confidence": "confidence",
        "authorship.col.truth": "true author",
        "authorship.col.mw": "Mosteller & Wallace (1964)",
        "authorship.probability": "probability",
        "authorship.agreement": "Agrees with Mosteller & Wallace on {agree} of {total} disputed papers. "
        "(A model that always says Madison would too: the held-out accuracy above is the real test.)",
        "authorship.correct": "{right} of {total} unknown documents attributed to their true author.",
        "authorship.flow": "Gradient flow in the trained model",
        "authorship.flow_what": "Pick a document and a window: each character is coloured by ‖dE/dx_k‖, the "
        "gradient of the window's loss with respect to that character's input. The maps are BPTT's "
        "terms for Ws and Wx in this window.",
        "authorship.flow_note.last": "Last-state readout: the loss sits on the last step only.",
        "authorship.flow_note.mean": "Mean readout: every state feeds the output; the maps put a loss on "
        "every step (many-to-many), the character colours are exact.",
        "authorship.flow_doc": "Document",
        "authorship.flow_window": "Window",
        "authorship.chars": "Characters coloured by ‖dE/dx_k‖ (loss against the predicted author)",
        "authorship.k": "k (step)",
        "authorship.t": "t (loss step)",
        "authorship.map.Ws": "log10 ‖term k of dE_t/dWs‖",
        "authorship.map.Wx": "log10 ‖term k of dE_t/dWx‖",
        "authorship.models": "Saved models (models/)",
        "authorship.load": "Load",
        "authorship.loaded": "Showing the saved model {name}.",
        "authorship.no_models": "No saved models yet: python -m core.authorship train --corpus federalist "
        "--seed 0 --out models/federalist.npz",
        "authorship.download": "Download the predictions (JSON)",
    },
    "zh": {
        "authorship.nav": "作者归属（联邦党人文集）",
        "authorship.title": "有争议的《联邦党人文集》是谁写的？",
        "authorship.what": (
            "字符级循环神经网络读取文本窗口，学习每位作者的写作风格；一篇文档的作者是其所有窗口平均"
            "对数概率最高的那位。整篇文档被留出：验证文档用来选择判定阈值，测试文档不参与任何选择，"
            "只用来报告准确率。作者数量不平衡（汉密尔顿 51 篇，麦迪逊 14 篇），因此每个批次中各作者"
            "出现的次数相同（或对损失加权）。若只用最后一个状态输出，梯度必须穿过窗口的每一步，"
            "会发生梯度消失；对所有状态取平均则让每个字符都有一条短的梯度路径。"
        ),
        "authorship.corpus": "语料",
        "authorship.window": "窗口长度 L（字符）",
        "authorship.readout": "输出方式",
        "authorship.H": "隐藏层大小 H",
        "authorship.steps": "训练步数",
        "authorship.balance": "类别平衡",
        "authorship.leaky": "随机窗口划分（同本章做法）",
        "authorship.seed": "随机种子",
        "authorship.choice.federalist": "联邦党人文集：汉密尔顿 vs 麦迪逊",
        "authorship.choice.textbook": "教材划分（作者 A 与 B）",
        "authorship.choice.bronte": "勃朗特三姐妹",
        "authorship.choice.last": "最后一个状态（同本章）",
        "authorship.choice.mean": "所有状态的平均",
        "authorship.choice.sampling": "均衡采样",
        "authorship.choice.weights": "类别权重",
        "authorship.choice.none": "不平衡处理",
        "authorship.preset.chapter": "本章设置（L = 30，最后状态）",
        "authorship.preset.works_best": "效果最好（L = 100，平均）",
        "authorship.preset.last_fails": "最后状态失败（L = 100）",
        "authorship.cleaning": "清洗：之前与之后",
        "authorship.before": "清洗前",
        "authorship.after": "清洗后（小写、单个空格、去除作者名、署名行与签名）",
        "authorship.upload": "或上传你自己的语料：author__title.txt 文件，或一个 .zip（每位作者一个文件夹，"
        "外加 unknown/）",
        "authorship.using_upload": "正在使用上传的语料：{counts}；{unknown} 篇未知文档。",
        "authorship.upload.bad": "上传未被接受。",
        "authorship.upload.empty": "{name} 是空文件。",
        "authorship.upload.binary": "{name} 不是文本文件（看起来是二进制）。",
        "authorship.upload.encoding": "{name} 不是 UTF-8 编码（第 {position} 字节）；请另存为 UTF-8 文本。",
        "authorship.upload.too_large": "{name} 太大（{size:,} 字节；上限 {limit:,}）。",
        "authorship.upload.unsafe_zip": "zip 文件被拒绝：{reason}。",
        "authorship.upload.file_name": "{name}：文件请命名为 author__title.txt，或在 zip 中按作者分文件夹。",
        "authorship.upload.one_author": "只找到 {count} 位作者（{authors}）；作者归属至少需要两位。",
        "authorship.upload.too_little": "{name} 清洗后只有 {chars} 个字符；一个窗口需要 {needed} 个。",
        "authorship.balance_note": "类别平衡：{balance}。每位作者的已知文档数：{counts}。",
        "authorship.train": "训练",
        "authorship.stop": "停止",
        "authorship.training": "训练中… 第 {step} / {steps} 步，损失 {loss:.3f}",
        "authorship.shared": "请求相同设置的所有人共享这次训练；“停止”只让你退出，没人观看时训练才会停止。",
        "authorship.not_trained": "点击“训练”（或加载已保存的模型）查看预测结果。",
        "authorship.failed": "训练失败：{error}",
        "authorship.load_failed": "这个已保存的模型没有加载：{reason}",
        "authorship.stopped": "在第 {step} 步停止：以下是目前得到的权重。",
        "authorship.heldout": "留出集平衡准确率（测试文档）",
        "authorship.uncalibrated": "使用原始 0.5 规则时",
        "authorship.window_acc": "留出窗口准确率",
        "authorship.leaky_metric": "窗口准确率，随机窗口划分（有泄漏）",
        "authorship.leaky_compare": "随机窗口划分：留出窗口 {leaky:.0%} 判对；按文档划分：{honest}。"
        "同一篇文章"
        "相互重叠的窗口同时出现在两侧，所以随机划分的数字被夸大了。",
        "authorship.leaky_missing": "尚未训练",
        "authorship.curves": "训练损失与留出窗口准确率",
        "authorship.loss": "损失",
        "authorship.heldout_label": "留出窗口准确率",
        "authorship.step": "步",
        "authorship.table": "未知文档的预测（图 5.35）",
        "authorship.col.document": "文档",
        "authorship.col.predicted": "预测作者",
        "authorship.col.vote": "窗口投票",
        "authorship.col.confidence": "置信度",
        "authorship.col.truth": "真实作者",
        "authorship.col.mw": "Mosteller 与 Wallace（1964）",
        "authorship.probability": "概率",
        "authorship.agreement": "在 {total} 篇有争议的文章中，"
        "有 {agree} 篇与 Mosteller 和 Wallace 的结论一致。"
        "（总是回答“麦迪逊”的模型也能做到：上面的留出准确率才是真正的检验。）",
        "authorship.correct": "{total} 篇未知文档中有 {right} 篇归属正确。",
        "authorship.flow": "训练后模型中的梯度流",
        "authorship.flow_what": "选择一篇文档和一个窗口：每个字符按 ‖dE/dx_k‖ 着色，即窗口损失对该字符输入的"
        "梯度。热图是该窗口中 Ws 与 Wx 的 BPTT 各项。",
        "authorship.flow_note.last": "最后状态输出：损失只在最后一步。",
        "authorship.flow_note.mean": "平均输出：每个状态都连到输出；热图在每一步放一个损失（多对多），"
        "字符颜色是精确值。",
        "authorship.flow_doc": "文档",
        "authorship.flow_window": "窗口",
        "authorship.chars": "按 ‖dE/dx_k‖ 着色的字符（损失针对预测作者）",
        "authorship.k": "k（步）",
        "authorship.t": "t（损失所在步）",
        "authorship.map.Ws": "log10 ‖dE_t/dWs 的第 k 项‖",
        "authorship.map.Wx": "log10 ‖dE_t/dWx 的第 k 项‖",
        "authorship.models": "已保存的模型（models/）",
        "authorship.load": "加载",
        "authorship.loaded": "正在显示已保存的模型 {name}。",
        "authorship.no_models": "还没有保存的模型：python -m core.authorship train --corpus federalist "
        "--seed 0 --out models/federalist.npz",
        "authorship.download": "下载预测结果（JSON）",
    },
}

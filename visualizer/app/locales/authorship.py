"""The authorship page's strings, in English and 中文."""

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "authorship.nav": "Authorship (Federalist)",
        "authorship.title": "Who wrote the disputed Federalist papers?",
        "authorship.title.textbook": "Who wrote the chapter's five unknown papers?",
        "authorship.title.bronte": "Which Brontë sister wrote these chapters?",
        "authorship.title.upload": "Who wrote your unknown documents?",
        "authorship.what": (
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
        "authorship.using_upload": "Using the uploaded corpus. Known documents per author: {counts}; "
        "{unknown} unknown documents.",
        "authorship.count_item": "{author} ({n})",
        "authorship.count_sep": ", ",
        "authorship.upload_link": "The uploaded corpus is not part of the link to this view: whoever opens "
        "it sees the built-in corpus chosen in the sidebar.",
        "authorship.split.federalist": "Split: whole papers; validation and test papers are drawn from the "
        "known papers of each author, and the 12 disputed papers are the unknown documents.",
        "authorship.split.textbook": "Split: whole papers, as in the chapter's activity; the 5 unknown "
        "papers were not trained on.",
        "authorship.split.bronte": "Split: whole chapters, but not whole novels. The wheel holds one novel "
        "each for Charlotte (Jane Eyre) and Emily (Wuthering Heights), chapters 1-8, so the unknown "
        "chapters come from the same novels as the training chapters. Character and place names are "
        "removed in cleaning (heathcliff, rochester, huntingdon, ...), but the setting, the plot's "
        "vocabulary and the narrator of one novel still help: read the accuracy as an upper bound on "
        "telling the sisters apart.",
        "authorship.split.upload": "Split: whole documents of your upload; names are removed only where they "
        "are author names.",
        "authorship.upload.bad": "The upload was not accepted.",
        "authorship.upload.empty": "{name} is empty.",
        "authorship.upload.binary": "{name} is not a text file (it looks binary).",
        "authorship.upload.encoding": "{name} is not UTF-8 (byte {position}); save it as UTF-8 text.",
        "authorship.upload.too_large": "{name} is too large ({size:,} bytes; the limit is {limit:,}).",
        "authorship.upload.no_files": "No files were uploaded.",
        "authorship.upload.too_many_files": "{count} files; the limit is {limit}.",
        "authorship.upload.total_too_large": "The texts add up to {size:,} bytes; the limit is {limit:,}.",
        "authorship.upload.zip_unreadable": "The .zip file cannot be read (it is damaged or not a zip).",
        "authorship.upload.zip_path": "The zip was refused: it holds an unsafe path, {name}.",
        "authorship.upload.zip_nested": "The zip was refused: it holds another archive, {name}; nested "
        "archives are not opened.",
        "authorship.upload.mixed": "Upload either one .zip or several .txt files, not both.",
        "authorship.upload.duplicate_title": "Two files are both {name}; give each of an author's files "
        "a different title.",
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
        "authorship.no_unknown": "This corpus has no unknown documents to attribute: put some in a folder "
        "named unknown/ (or name the files unknown__title.txt).",
        "authorship.failed": "Training failed: {error}",
        "authorship.load_failed": "This saved model was not loaded: {reason}",
        "authorship.model_error.missing": "there is no file {name} any more.",
        "authorship.model_error.corrupt": "{name} is corrupt or truncated; train the model again.",
        "authorship.model_error.not_model": "{name} is not an authorship model (it lacks {missing}).",
        "authorship.model_error.metadata": "the metadata in {name} cannot be read or used; train the model "
        "again.",
        "authorship.model_error.format": "{name} has format {found}; this lab reads {expected}.",
        "authorship.model_error.vocabulary": "in {name} the embedding has {rows} rows but the vocabulary "
        "{ids} ids: the weights come from another vocabulary.",
        "authorship.model_error.shape": "in {name} the array {array} has shape {shape}, but its metadata "
        "says {expected}.",
        "authorship.model_error.values": "in {name} the array {array} holds non-finite or non-float values.",
        "authorship.model_error.offsets": "{name} has {offsets} calibration offsets for {authors} authors.",
        "authorship.model_error.huge": "in {name} the array {array} claims shape {shape} ({size:,} bytes): "
        "more than the file holds or than the limit of {limit:,} bytes, so it was not read.",
        "authorship.model_error.outside": "{name} is a link that leads outside models/; it is not read.",
        "authorship.model_error.authors": "{name} was trained on {corpus} with the authors {model_authors}, "
        "but that corpus has {authors}.",
        "authorship.model_error.no_corpus": "{name} was trained on an uploaded corpus (authors "
        "{model_authors}); upload the same files to see its predictions.",
        "authorship.stopped": "Stopped at step {step}: these are the weights reached so far.",
        "authorship.heldout": "Held-out balanced accuracy (test documents)",
        "authorship.uncalibrated": "Without calibration (raw 0.5 rule) the same test documents score "
        "{value}.",
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
        "authorship.save": "Save this model to models/",
        "authorship.saved": "Saved as models/{value}; it is listed under the sidebar's saved models.",
        "authorship.save_failed": "The model was not saved: {value}",
    },
    "zh": {
        "authorship.nav": "作者归属（联邦党人文集）",
        "authorship.title": "有争议的《联邦党人文集》是谁写的？",
        "authorship.title.textbook": "本章的五篇未知文章是谁写的？",
        "authorship.title.bronte": "这些章节出自勃朗特三姐妹中的哪一位？",
        "authorship.title.upload": "你上传的未知文档是谁写的？",
        "authorship.what": (
            "字符级循环神经网络读取文本窗口，学习每位作者的写作风格；一篇文档的作者是其所有窗口平均"
            "对数概率最高的那位。整篇文档被留出：验证文档用来选择判定阈值，测试文档不参与任何选择，"
            "只用来报告准确率。作者的文档数可能不平衡（联邦党人文集中汉密尔顿 51 篇、麦迪逊 14 篇；"
            "当前语料的篇数见下方），因此每个批次中各作者"
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
        "authorship.using_upload": "正在使用上传的语料。每位作者的已知文档数：{counts}；"
        "{unknown} 篇未知文档。",
        "authorship.count_item": "{author}（{n} 篇）",
        "authorship.count_sep": "、",
        "authorship.upload_link": "上传的语料不在本视图的链接中：打开链接的人看到的是侧栏所选的内置语料。",
        "authorship.split.federalist": "划分：按整篇文章；验证与测试文章取自每位作者的已知文章，"
        "12 篇有争议的文章是未知文档。",
        "authorship.split.textbook": "划分：按整篇文章，同本章活动；5 篇未知文章不参与训练。",
        "authorship.split.bronte": "划分：按整章，而不是按整部小说。数据包中夏洛蒂（《简·爱》）和艾米莉"
        "（《呼啸山庄》）各只有一部小说的第 1–8 章，所以未知章节与训练章节出自同一部小说。清洗时去掉了"
        "人物名和地名（heathcliff、rochester、huntingdon……），但同一部小说的场景、情节词汇和叙述者"
        "仍然有帮助：请把准确率看作区分三姐妹的上限。",
        "authorship.split.upload": "划分：按你上传的整篇文档；只有作者名会被去掉。",
        "authorship.upload.bad": "上传未被接受。",
        "authorship.upload.empty": "{name} 是空文件。",
        "authorship.upload.binary": "{name} 不是文本文件（看起来是二进制）。",
        "authorship.upload.encoding": "{name} 不是 UTF-8 编码（第 {position} 字节）；请另存为 UTF-8 文本。",
        "authorship.upload.too_large": "{name} 太大（{size:,} 字节；上限 {limit:,}）。",
        "authorship.upload.no_files": "没有上传任何文件。",
        "authorship.upload.too_many_files": "共 {count} 个文件；上限为 {limit} 个。",
        "authorship.upload.total_too_large": "文本合计 {size:,} 字节；上限 {limit:,}。",
        "authorship.upload.zip_unreadable": "无法读取该 .zip 文件（已损坏或不是 zip）。",
        "authorship.upload.zip_path": "zip 文件被拒绝：其中含有不安全的路径 {name}。",
        "authorship.upload.zip_nested": "zip 文件被拒绝：其中含有另一个压缩包 {name}；不会打开嵌套的压缩包。",
        "authorship.upload.mixed": "请只上传一个 .zip，或若干 .txt 文件，不要混合。",
        "authorship.upload.duplicate_title": "有两个文件都是 {name}；同一作者的每个文件请取不同的标题。",
        "authorship.upload.file_name": "{name}：文件请命名为 author__title.txt，或在 zip 中按作者分文件夹。",
        "authorship.upload.one_author": "只找到 {count} 位作者（{authors}）；作者归属至少需要两位。",
        "authorship.upload.too_little": "{name} 清洗后只有 {chars} 个字符；一个窗口需要 {needed} 个。",
        "authorship.balance_note": "类别平衡：{balance}。每位作者的已知文档数：{counts}。",
        "authorship.train": "训练",
        "authorship.stop": "停止",
        "authorship.training": "训练中… 第 {step} / {steps} 步，损失 {loss:.3f}",
        "authorship.shared": "请求相同设置的所有人共享这次训练；“停止”只让你退出，没人观看时训练才会停止。",
        "authorship.not_trained": "点击“训练”（或加载已保存的模型）查看预测结果。",
        "authorship.no_unknown": "这个语料没有需要归属的未知文档：请把它们放进名为 unknown/ 的文件夹"
        "（或把文件命名为 unknown__title.txt）。",
        "authorship.failed": "训练失败：{error}",
        "authorship.load_failed": "这个已保存的模型没有加载：{reason}",
        "authorship.model_error.missing": "文件 {name} 已不存在。",
        "authorship.model_error.corrupt": "{name} 已损坏或被截断；请重新训练模型。",
        "authorship.model_error.not_model": "{name} 不是作者归属模型（缺少 {missing}）。",
        "authorship.model_error.metadata": "{name} 中的元数据无法读取或使用；请重新训练模型。",
        "authorship.model_error.format": "{name} 的格式是 {found}；本实验读取的是 {expected}。",
        "authorship.model_error.vocabulary": "{name} 中嵌入层有 {rows} 行，而词表有 {ids} 个编号："
        "权重来自另一个词表。",
        "authorship.model_error.shape": "{name} 中数组 {array} 的形状是 {shape}，但元数据写的是 {expected}。",
        "authorship.model_error.values": "{name} 中数组 {array} 含有非有限值或非浮点值。",
        "authorship.model_error.offsets": "{name} 有 {offsets} 个校准偏移量，却有 {authors} 位作者。",
        "authorship.model_error.huge": "{name} 中数组 {array} 声称形状为 {shape}（{size:,} 字节）："
        "超过了文件实际内容或 {limit:,} 字节的上限，因此没有读取。",
        "authorship.model_error.outside": "{name} 是指向 models/ 之外的链接，不会读取。",
        "authorship.model_error.authors": "{name} 是在 {corpus} 上训练的，作者为 {model_authors}，"
        "而该语料的作者是 {authors}。",
        "authorship.model_error.no_corpus": "{name} 是在上传的语料上训练的（作者 {model_authors}）；"
        "请上传同样的文件以查看它的预测。",
        "authorship.stopped": "在第 {step} 步停止：以下是目前得到的权重。",
        "authorship.heldout": "留出集平衡准确率（测试文档）",
        "authorship.uncalibrated": "不做校准（原始 0.5 规则）时，同一批测试文档的准确率是 {value}。",
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
        "authorship.save": "把这个模型保存到 models/",
        "authorship.saved": "已保存为 models/{value}；它已列在侧栏的已保存模型中。",
        "authorship.save_failed": "模型没有保存：{value}",
    },
}

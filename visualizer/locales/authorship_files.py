"""The authorship page's strings about files, in English and 中文: uploaded texts and .zip archives,
and saved models (listing, loading, saving, and why a model file was refused).
"""

from visualizer.locales import by_language

TEXTS: dict[str, dict[str, str]] = {
    "authorship.upload": {
        "en": (
            "Or upload your own corpus: author__title.txt files, or one .zip with a folder "
            "per author and unknown/"
        ),
        "zh": (
            "或上传你自己的语料：author__title.txt 文件，或一个 .zip（每位作者一个文件夹，外加 unknown/）"
        ),
    },
    "authorship.using_upload": {
        "en": (
            "Using the uploaded corpus. Known documents per author: {counts}; {unknown} unknown documents."
        ),
        "zh": ("正在使用上传的语料。每位作者的已知文档数：{counts}；{unknown} 篇未知文档。"),
    },
    "authorship.upload_link": {
        "en": (
            "The uploaded corpus is not part of the link to this view: whoever opens "
            "it sees the built-in corpus chosen in the sidebar."
        ),
        "zh": "上传的语料不在本视图的链接中：打开链接的人看到的是侧栏所选的内置语料。",
    },
    "authorship.upload.bad": {
        "en": "The upload was not accepted.",
        "zh": "上传未被接受。",
    },
    "authorship.upload.empty": {
        "en": "{name} is empty.",
        "zh": "{name} 是空文件。",
    },
    "authorship.upload.binary": {
        "en": "{name} is not a text file (it looks binary).",
        "zh": "{name} 不是文本文件（看起来是二进制）。",
    },
    "authorship.upload.encoding": {
        "en": "{name} is not UTF-8 (byte {position}); save it as UTF-8 text.",
        "zh": "{name} 不是 UTF-8 编码（第 {position} 字节）；请另存为 UTF-8 文本。",
    },
    "authorship.upload.too_large": {
        "en": "{name} is too large ({size:,} bytes; the limit is {limit:,}).",
        "zh": "{name} 太大（{size:,} 字节；上限 {limit:,}）。",
    },
    "authorship.upload.no_files": {
        "en": "No files were uploaded.",
        "zh": "没有上传任何文件。",
    },
    "authorship.upload.too_many_files": {
        "en": "{count} files; the limit is {limit}.",
        "zh": "共 {count} 个文件；上限为 {limit} 个。",
    },
    "authorship.upload.total_too_large": {
        "en": "The texts add up to {size:,} bytes; the limit is {limit:,}.",
        "zh": "文本合计 {size:,} 字节；上限 {limit:,}。",
    },
    "authorship.upload.zip_unreadable": {
        "en": "The .zip file cannot be read (it is damaged or not a zip).",
        "zh": "无法读取该 .zip 文件（已损坏或不是 zip）。",
    },
    "authorship.upload.zip_path": {
        "en": "The zip was refused: it holds an unsafe path, {name}.",
        "zh": "zip 文件被拒绝：其中含有不安全的路径 {name}。",
    },
    "authorship.upload.zip_nested": {
        "en": ("The zip was refused: it holds another archive, {name}; nested archives are not opened."),
        "zh": "zip 文件被拒绝：其中含有另一个压缩包 {name}；不会打开嵌套的压缩包。",
    },
    "authorship.upload.mixed": {
        "en": "Upload either one .zip or several .txt files, not both.",
        "zh": "请只上传一个 .zip，或若干 .txt 文件，不要混合。",
    },
    "authorship.upload.duplicate_title": {
        "en": ("Two files are both {name}; give each of an author's files a different title."),
        "zh": "有两个文件都是 {name}；同一作者的每个文件请取不同的标题。",
    },
    "authorship.upload.file_name": {
        "en": ("{name}: name files author__title.txt, or put them in a folder per author inside the zip."),
        "zh": "{name}：文件请命名为 author__title.txt，或在 zip 中按作者分文件夹。",
    },
    "authorship.upload.one_author": {
        "en": "Found {count} author(s) ({authors}); attribution needs two or more.",
        "zh": "只找到 {count} 位作者（{authors}）；作者归属至少需要两位。",
    },
    "authorship.upload.too_little": {
        "en": ("{name} has {chars} characters after cleaning; one window needs {needed}."),
        "zh": "{name} 清洗后只有 {chars} 个字符；一个窗口需要 {needed} 个。",
    },
    "authorship.load_failed": {
        "en": "This saved model was not loaded: {reason}",
        "zh": "这个已保存的模型没有加载：{reason}",
    },
    "authorship.model_error.missing": {
        "en": "there is no file {name} any more.",
        "zh": "文件 {name} 已不存在。",
    },
    "authorship.model_error.corrupt": {
        "en": "{name} is corrupt or truncated; train the model again.",
        "zh": "{name} 已损坏或被截断；请重新训练模型。",
    },
    "authorship.model_error.not_model": {
        "en": "{name} is not an authorship model (it lacks {missing}).",
        "zh": "{name} 不是作者归属模型（缺少 {missing}）。",
    },
    "authorship.model_error.metadata": {
        "en": ("the metadata in {name} cannot be read or used; train the model again."),
        "zh": "{name} 中的元数据无法读取或使用；请重新训练模型。",
    },
    "authorship.model_error.format": {
        "en": "{name} has format {found}; this lab reads {expected}.",
        "zh": "{name} 的格式是 {found}；本实验读取的是 {expected}。",
    },
    "authorship.model_error.vocabulary": {
        "en": (
            "in {name} the embedding has {rows} rows but the vocabulary "
            "{ids} ids: the weights come from another vocabulary."
        ),
        "zh": ("{name} 中嵌入层有 {rows} 行，而词表有 {ids} 个编号：权重来自另一个词表。"),
    },
    "authorship.model_error.shape": {
        "en": ("in {name} the array {array} has shape {shape}, but its metadata says {expected}."),
        "zh": "{name} 中数组 {array} 的形状是 {shape}，但元数据写的是 {expected}。",
    },
    "authorship.model_error.values": {
        "en": "in {name} the array {array} holds non-finite or non-float values.",
        "zh": "{name} 中数组 {array} 含有非有限值或非浮点值。",
    },
    "authorship.model_error.offsets": {
        "en": "{name} has {offsets} calibration offsets for {authors} authors.",
        "zh": "{name} 有 {offsets} 个校准偏移量，却有 {authors} 位作者。",
    },
    "authorship.model_error.huge": {
        "en": (
            "in {name} the array {array} claims shape {shape} ({size:,} bytes): "
            "more than the file holds or than the limit of {limit:,} bytes, so it was not read."
        ),
        "zh": (
            "{name} 中数组 {array} 声称形状为 {shape}（{size:,} 字节）："
            "超过了文件实际内容或 {limit:,} 字节的上限，因此没有读取。"
        ),
    },
    "authorship.model_error.outside": {
        "en": "{name} is a link that leads outside models/; it is not read.",
        "zh": "{name} 是指向 models/ 之外的链接，不会读取。",
    },
    "authorship.model_error.authors": {
        "en": (
            "{name} was trained on {corpus} with the authors {model_authors}, but that corpus has {authors}."
        ),
        "zh": ("{name} 是在 {corpus} 上训练的，作者为 {model_authors}，而该语料的作者是 {authors}。"),
    },
    "authorship.model_error.no_corpus": {
        "en": (
            "{name} was trained on an uploaded corpus (authors "
            "{model_authors}); upload the same files to see its predictions."
        ),
        "zh": ("{name} 是在上传的语料上训练的（作者 {model_authors}）；请上传同样的文件以查看它的预测。"),
    },
    "authorship.models": {
        "en": "Saved models (models/)",
        "zh": "已保存的模型（models/）",
    },
    "authorship.load": {
        "en": "Load",
        "zh": "加载",
    },
    "authorship.loaded": {
        "en": "Showing the saved model {name}.",
        "zh": "正在显示已保存的模型 {name}。",
    },
    "authorship.no_models": {
        "en": (
            "No saved models yet: python -m core.authorship train --corpus federalist "
            "--seed 0 --out models/federalist.npz"
        ),
        "zh": (
            "还没有保存的模型：python -m core.authorship train --corpus federalist "
            "--seed 0 --out models/federalist.npz"
        ),
    },
    "authorship.download": {
        "en": "Download the predictions (JSON)",
        "zh": "下载预测结果（JSON）",
    },
    "authorship.save": {
        "en": "Save this model to models/",
        "zh": "把这个模型保存到 models/",
    },
    "authorship.saved": {
        "en": "Saved as models/{value}; it is listed under the sidebar's saved models.",
        "zh": "已保存为 models/{value}；它已列在侧栏的已保存模型中。",
    },
    "authorship.save_failed": {
        "en": "The model was not saved: {value}",
        "zh": "模型没有保存：{value}",
    },
}

# The same table per language, the shape i18n.STRINGS merges.
STRINGS = by_language(TEXTS)

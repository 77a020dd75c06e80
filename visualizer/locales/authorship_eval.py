"""The authorship evaluation's strings (folds, baselines, how far back each readout's gradient reaches)."""

from visualizer.locales import by_language

TEXTS: dict[str, dict[str, str]] = {
    "authorship.reach": {
        "en": "How far back does the gradient reach? Mean readout against last state",
        "zh": "梯度能回传多远？平均读出与最后状态读出",
    },
    "authorship.reach_what": {
        "en": (
            "Both models were trained on the Federalist papers with 100-character windows (presets "
            "works_best and last_fails, seeds {seeds}). For the first windows of each held-out test paper, "
            "the curve is log10 ||dE/dx_k|| of character k relative to the last character, averaged: 0 means "
            "as much gradient as the last character gets, -2 one hundredth of it."
        ),
        "zh": (
            "两个模型都在《联邦党人文集》上用 100 个字符的窗口训练"
            "（预设 works_best 与 last_fails，种子 {seeds}）。"
            "对每篇留出测试文章的前几个窗口，曲线是字符 k 的 log10 ||dE/dx_k|| 相对于最后一个字符的值的平均："
            "0 表示与最后一个字符得到的梯度一样多，-2 表示只有它的百分之一。"
        ),
    },
    "authorship.reach_verdict": {
        "en": (
            "With the mean of all states, {mean} of {length} characters get at least 1 % of the last "
            "character's gradient; through the last state only, {last} do: further back the gradient "
            "vanishes, {drop:.1f} decades down at the first character."
        ),
        "zh": (
            "用所有状态的平均作读出时，{length} 个字符中有 {mean} 个得到至少最后一个字符梯度的 1%；"
            "只用最后状态时只有 "
            "{last} 个：再往前梯度消失，第一个字符处低了 {drop:.1f} 个数量级。"
        ),
    },
    "authorship.reach.mean": {"en": "mean of all states", "zh": "所有状态的平均"},
    "authorship.reach.last": {"en": "last state only", "zh": "仅最后状态"},
    "authorship.reach.x": {
        "en": "characters back from the window's end (L - k)",
        "zh": "距窗口末尾的字符数 (L - k)",
    },
    "authorship.reach.y": {
        "en": "||dE/dx_k|| relative to the last character",
        "zh": "相对于最后一个字符的 ||dE/dx_k||",
    },
    "authorship.reach.floor": {"en": "1 % of the last character's", "zh": "最后一个字符的 1%"},
    "authorship.eval": {"en": "Does it stand up?", "zh": "经得起检验吗？"},
    "authorship.eval_what": {
        "en": (
            "Every known document ({corpus}) is tested exactly once: {folds} folds by document, each model "
            "fitted on the other folds, the RNN's decision offsets chosen inside each fold on its training "
            "documents only. Balanced accuracy over {documents} documents, with a 95 % interval "
            "(bootstrap over documents). The baselines see exactly the same folds."
        ),
        "zh": (
            "每篇已知作者的文档（{corpus}）恰好被测试一次：按文档分成 {folds} 折，每个模型在其余各折上拟合，"
            "循环神经网络的决策偏移只在每折自己的训练文档中选择。{documents} 篇文档上的平衡准确率，"
            "附 95% 区间（对文档做自助法重采样）。基线使用完全相同的折。"
        ),
    },
    "authorship.eval_loo": {"en": "leave-one-document-out", "zh": "留一文档"},
    "authorship.eval.model.rnn": {"en": "RNN (calibrated)", "zh": "循环神经网络（已校准）"},
    "authorship.eval.model.ngram": {"en": "character n-grams", "zh": "字符 n-gram"},
    "authorship.eval.model.function_words": {
        "en": "function words (Mosteller & Wallace)",
        "zh": "功能词（Mosteller 与 Wallace）",
    },
    "authorship.eval.raw": {"en": "RNN before calibration", "zh": "循环神经网络（校准前）"},
    "authorship.eval.raw_note": {
        "en": "Without the offsets (argmax of the mean window log-probabilities): {value}.",
        "zh": "不加偏移（窗口平均对数概率取最大）：{value}。",
    },
    "authorship.eval.chart": {"en": "Balanced accuracy, 95 % interval", "zh": "平衡准确率，95% 区间"},
    "authorship.eval.y": {"en": "balanced accuracy", "zh": "平衡准确率"},
    "authorship.eval.chance": {"en": "chance", "zh": "随机水平"},
    "authorship.eval.recall": {"en": "Recall per author", "zh": "各作者的召回率"},
    "authorship.eval.model": {"en": "model", "zh": "模型"},
    "authorship.eval.verdict.rnn_wins": {
        "en": "Winner: the {rnn}, {rnn_value} % against {rival_value} % for the {rival}, {gap} points ahead.",
        "zh": "{rnn}胜出：{rnn_value}%，{rival}为 {rival_value}%，领先 {gap} 个百分点。",
    },
    "authorship.eval.verdict.baseline_wins": {
        "en": (
            "Winner: the {rival}, {rival_value} % against {rnn_value} % for the {rnn}, {gap} points ahead. "
            "The RNN does not beat a few lines of counting here."
        ),
        "zh": (
            "{rival}胜出：{rival_value}%，{rnn}为 {rnn_value}%，领先 {gap} 个百分点。"
            "在这里循环神经网络没有胜过简单的计数方法。"
        ),
    },
    "authorship.eval.verdict.tie": {
        "en": "A tie: the {rnn} and the {rival} both get {rnn_value} %.",
        "zh": "平手：{rnn}与{rival}都是 {rnn_value}%。",
    },
    "authorship.eval.overlap": {
        "en": "The two intervals overlap: on this many documents the gap could be luck.",
        "zh": "两个区间有重叠：文档这么少，这个差距可能只是运气。",
    },
    "authorship.eval.apart": {
        "en": "The two intervals do not overlap.",
        "zh": "两个区间不重叠。",
    },
    "authorship.eval.paired.luck": {
        "en": (
            "Paired on the same documents, the RNN's lead over {rival} is {lead} points (95 % interval "
            "{low} to {high}): the interval holds 0, so on this many documents the gap could be luck."
        ),
        "zh": (
            "在同一批文档上成对比较，RNN 相对 {rival} 领先 {lead} 个百分点（95 % 区间 {low} 到 {high}）："
            "区间包含 0，文档这么少，这个差距可能只是运气。"
        ),
    },
    "authorship.eval.paired.real_rival": {
        "en": (
            "Paired on the same documents, the RNN's lead over {rival} is {lead} points (95 % interval "
            "{low} to {high}): the whole interval is below 0, so the baseline really is better here."
        ),
        "zh": (
            "在同一批文档上成对比较，RNN 相对 {rival} 领先 {lead} 个百分点（95 % 区间 {low} 到 {high}）："
            "整个区间都低于 0，所以这里基线确实更好。"
        ),
    },
    "authorship.eval.paired.real_rnn": {
        "en": (
            "Paired on the same documents, the RNN's lead over {rival} is {lead} points (95 % interval "
            "{low} to {high}): the whole interval is above 0, so the RNN really is better here."
        ),
        "zh": (
            "在同一批文档上成对比较，RNN 相对 {rival} 领先 {lead} 个百分点（95 % 区间 {low} 到 {high}）："
            "整个区间都高于 0，所以这里 RNN 确实更好。"
        ),
    },
    "authorship.eval.precomputed": {
        "en": "Pre-computed for the default preset on {corpus} ({seconds:.0f} s on a 2-core CPU).",
        "zh": "默认预设在 {corpus} 上的预先计算结果（在 2 核 CPU 上用时 {seconds:.0f} 秒）。",
    },
    "authorship.eval.missing": {
        "en": "The pre-computed numbers could not be read: {reason}",
        "zh": "无法读取预先计算的结果：{reason}",
    },
    "authorship.eval.live": {
        "en": "Run it live on {corpus} with the settings above",
        "zh": "用上面的设置在 {corpus} 上实时运行",
    },
    "authorship.eval.live_only_small": {
        "en": (
            "A live evaluation runs on small corpora only (the textbook papers, or an upload under "
            "{limit:,} characters with at least {documents} documents per author)."
        ),
        "zh": (
            "实时评估只在小语料上运行（教材文章，"
            "或少于 {limit:,} 个字符且每位作者至少 {documents} 篇文档的上传）。"
        ),
    },
    "authorship.eval.running": {
        "en": "Fold {fold} of {folds}: {model}, step {step} of {steps}",
        "zh": "第 {fold}/{folds} 折：{model}，第 {step}/{steps} 步",
    },
    "authorship.eval.live_result": {
        "en": "Live evaluation on {corpus} ({seconds:.0f} s)",
        "zh": "{corpus} 上的实时评估（用时 {seconds:.0f} 秒）",
    },
    "authorship.eval.failed": {"en": "The evaluation failed: {error}", "zh": "评估失败：{error}"},
    "authorship.eval.download": {"en": "Download the evaluation (JSON)", "zh": "下载评估结果（JSON）"},
}

STRINGS = by_language(TEXTS)

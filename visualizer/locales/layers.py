"""The layers page's strings, in English and 中文."""

from visualizer.locales import by_language

TEXTS: dict[str, dict[str, str]] = {
    "layers.nav": {
        "en": "Keras layers",
        "zh": "Keras 层",
    },
    "layers.title": {
        "en": "The Keras SimpleRNN: shapes, shared weights, stateful training",
        "zh": "Keras SimpleRNN：形状、共享权重与有状态训练",
    },
    "layers.what": {
        "en": (
            "This page does what Keras would do, without TensorFlow. Build the chapter's model of "
            "exercise 23 and read its model.summary(): move the timesteps from 1 to 1,000 and watch the "
            "output shapes change while Param # stays the same, because one set of weights serves "
            "every step. Then see what return_sequences, return_state, go_backwards and unroll do to "
            "the shapes and numbers, and why a stateful network needs its batches in order "
            "(exercise 24)."
        ),
        "zh": (
            "本页在不安装 TensorFlow 的情况下复现 Keras 的行为。搭建练习 23 中的模型并查看它的 "
            "model.summary()：把时间步长从 1 拖到 1,000，输出形状随之改变，而 Param # 保持不变，"
            "因为同一组权重在每个时间步共享。接着看看 return_sequences、return_state、go_backwards "
            "和 unroll 如何改变形状和数值，以及为什么有状态网络需要按顺序输入批次（练习 24）。"
        ),
    },
    "layers.units": {
        "en": "SimpleRNN units",
        "zh": "SimpleRNN 单元数",
    },
    "layers.T": {
        "en": "timesteps",
        "zh": "时间步长 timesteps",
    },
    "layers.input_dim": {
        "en": "input_dim",
        "zh": "输入维度 input_dim",
    },
    "layers.seq": {
        "en": "return_sequences",
        "zh": "return_sequences",
    },
    "layers.state": {
        "en": "return_state",
        "zh": "return_state",
    },
    "layers.stack_seq": {
        "en": "Stacking example: return_sequences on the lower layer",
        "zh": "堆叠示例：下层的 return_sequences",
    },
    "layers.backwards": {
        "en": "go_backwards",
        "zh": "go_backwards",
    },
    "layers.unroll": {
        "en": "unroll",
        "zh": "unroll（展开）",
    },
    "layers.epochs": {
        "en": "Exercise 24: epochs",
        "zh": "练习 24：训练轮数",
    },
    "layers.seeds": {
        "en": "Exercise 24: seeds (repeats)",
        "zh": "练习 24：随机种子数（重复次数）",
    },
    "layers.shuffle": {
        "en": "Exercise 24: shuffle the stateful run's batch order",
        "zh": "练习 24：打乱有状态训练的批次顺序",
    },
    "layers.preset.ex23": {
        "en": "Figure 5.30: SimpleRNN(64) on (10, 100)",
        "zh": "图 5.30：SimpleRNN(64)，输入 (10, 100)",
    },
    "layers.preset.ex23_seq": {
        "en": "Figure 5.31: return_sequences=True",
        "zh": "图 5.31：return_sequences=True",
    },
    "layers.preset.ex23_1000": {
        "en": "Figure 5.32: 1,000 timesteps",
        "zh": "图 5.32：1,000 个时间步",
    },
    "layers.preset.stack_error": {
        "en": "Stacking without return_sequences",
        "zh": "不设 return_sequences 就堆叠",
    },
    "layers.preset.shuffle": {
        "en": "Stateful, but batch order shuffled (the mistake)",
        "zh": "有状态却打乱批次顺序（错误做法）",
    },
    "layers.stateful.title": {
        "en": "Stateful versus stateless (figures 5.33 and 5.34)",
        "zh": "有状态与无状态（图 5.33 和图 5.34）",
    },
    "layers.stateful.what": {
        "en": (
            "Stateless (the default): every sample starts from a zero state, so the samples are "
            "independent and may be shuffled. Stateful: the final state of each sample becomes the "
            "initial state of a sample in the next batch, so one long sequence can be fed in "
            "consecutive pieces."
        ),
        "zh": (
            "无状态（默认）：每个样本都从零状态开始，样本之间相互独立，可以打乱。有状态：每个样本的"
            "最终状态成为下一批次中某个样本的初始状态，因此一条长序列可以分成连续的片段依次输入。"
        ),
    },
    "layers.layout.title": {
        "en": "Batch layout of a stateful RNN: streams a, b, c, d cut into consecutive chunks",
        "zh": "有状态 RNN 的批量格式：数据流 a、b、c、d 各自被切成连续的片段",
    },
    "layers.layout.batch": {
        "en": "batch",
        "zh": "批次",
    },
    "layers.layout.sample": {
        "en": "sample",
        "zh": "样本",
    },
    "layers.layout.note": {
        "en": (
            "Keras's rule: the state of sample i in batch j is the initial state of sample i — the "
            "same index — in batch j+1, so that sample must hold the next chunk of the same stream. "
            "The chapter's translation says the state goes to sample i+1; in its figure i, i+1, i+2 "
            "name consecutive chunks, which sit at the same index of consecutive batches."
        ),
        "zh": (
            "Keras 的规则：批次 j 中样本 i 的状态是批次 j+1 中样本 i（同一个序号）的初始状态，所以该样本"
            "必须是同一条数据流的下一个片段。本章译文说状态传给样本 i+1；其实图中的 i、i+1、i+2 是"
            "连续的片段，它们位于相邻批次的同一个序号上。"
        ),
    },
    "layers.layout.wrong": {
        "en": "not i → i+1",
        "zh": "不是 i → i+1",
    },
    "layers.layout.shuffled": {
        "en": (
            "Shuffled: a red arrow hands a state to a chunk it does not belong to. A stateful run "
            "needs shuffle=False, and the batch size fixed. Here the order of whole batches is shuffled "
            "(Keras's shuffle=\"batch\"); Keras's default shuffle=True shuffles single samples, which "
            "would also mix the streams inside every batch."
        ),
        "zh": (
            "打乱后：红色箭头把状态传给了不属于它的片段。有状态训练需要 shuffle=False，并且批次大小固定。"
            '这里打乱的是整个批次的顺序（Keras 的 shuffle="batch"）；Keras 默认的 shuffle=True 打乱的是'
            "单个样本，还会把每个批次内的数据流也混在一起。"
        ),
    },
    "layers.experiment.what": {
        "en": (
            "Exercise 24, live: next-value prediction on a stream of two sines (periods 7.3 and 19.1 "
            "steps), cut into samples of 10 steps, 4 streams per batch, 24 batches per epoch. The same "
            "SimpleRNN(16) → Dense(1), from the same initial weights, is trained with Adam stateless "
            '(batch order shuffled every epoch, Keras\'s shuffle="batch"; its default shuffle=True '
            "would shuffle single samples, which a stateless network does not mind either) and "
            "stateful (shuffle=False, state reset each epoch), once per seed; the error is measured on "
            "the continuation of each stream."
        ),
        "zh": (
            "练习 24 的实时版本：在由两个正弦波（周期 7.3 和 19.1 步）叠加成的数据流上预测下一个值，"
            "切成每段 10 步的样本，每批 4 条数据流，每轮 24 个批次。同一个 SimpleRNN(16) → Dense(1)，"
            "从相同的初始权重出发，用 Adam 分别以无状态（每轮打乱批次顺序，即 Keras 的 "
            'shuffle="batch"；Keras 默认的 shuffle=True 打乱单个样本，无状态网络同样不受影响）和有状态'
            "（shuffle=False，每轮重置状态）方式训练，每个随机种子一次；误差在每条数据流的后续部分上测量。"
        ),
    },
    "layers.experiment.running": {
        "en": "Training {n} networks…",
        "zh": "正在训练 {n} 个网络……",
    },
    "layers.experiment.verdict": {
        "en": "Median test RMSE: stateless {stateless:.4f}, stateful {stateful:.4f} (over {n} seeds).",
        "zh": "测试 RMSE 中位数：无状态 {stateless:.4f}，有状态 {stateful:.4f}（共 {n} 个随机种子）。",
    },
    "layers.experiment.verdict_shuffled": {
        "en": "Stateful with shuffled batches: {shuffled:.4f}.",
        "zh": "批次被打乱的有状态训练：{shuffled:.4f}。",
    },
    "layers.experiment.why": {
        "en": (
            "Why: the next value of this stream depends on its last few values. A stateless network "
            "starts every sample from zero and must guess at the first steps; the error-by-position "
            "plot shows it. A stateful one arrives at step 1 already knowing the recent past — but "
            "only if the batches come in order. Shuffle them and the carried state belongs to another "
            "part of the stream: the network learns to half-ignore it, and past the first few steps "
            "of a sample it does worse than a network with no state at all."
        ),
        "zh": (
            "原因：这条数据流的下一个值取决于最近的几个值。无状态网络每个样本都从零开始，前几步只能猜；"
            "按位置的误差图显示了这一点。有状态网络在第 1 步就已经知道最近的过去——但前提是批次按顺序"
            "输入。一旦打乱，传过来的状态属于数据流的另一部分：网络学会了半忽略它，在样本的前几步之后，"
            "表现反而不如完全没有状态的网络。"
        ),
    },
    "layers.arm.stateless": {
        "en": "stateless",
        "zh": "无状态",
    },
    "layers.arm.stateful": {
        "en": "stateful",
        "zh": "有状态",
    },
    "layers.arm.shuffled": {
        "en": "stateful, batch order shuffled",
        "zh": "有状态（批次顺序打乱）",
    },
    "layers.box.title": {
        "en": "Figure 5.34: test RMSE over seeds",
        "zh": "图 5.34：各随机种子的测试 RMSE",
    },
    "layers.box.y": {
        "en": "test RMSE",
        "zh": "测试 RMSE",
    },
    "layers.position.title": {
        "en": "Test RMSE at each position in a sample",
        "zh": "样本中每个位置的测试 RMSE",
    },
    "layers.position.x": {
        "en": "position in the sample (step)",
        "zh": "样本中的位置（步骤）",
    },
    "layers.links.title": {
        "en": "The architectures of figures 5.11 and 5.12, unrolled",
        "zh": "图 5.11 和图 5.12 的结构（展开图）",
    },
    "layers.link.many_to_one": {
        "en": "return_sequences=False: many-to-one (figure 5.11)",
        "zh": "return_sequences=False：多对一（图 5.11）",
    },
    "layers.link.many_to_many": {
        "en": "return_sequences=True: many-to-many (figure 5.11)",
        "zh": "return_sequences=True：多对多（图 5.11）",
    },
    "layers.link.stacked": {
        "en": "Stacked SimpleRNNs: weights shared in time, not in depth (figure 5.12)",
        "zh": "堆叠的 SimpleRNN：权重在时间上共享，而不是在深度上（图 5.12）",
    },
    "layers.download_json": {
        "en": "Download every number shown (JSON)",
        "zh": "下载显示的全部数值（JSON）",
    },
}

# The same table per language, the shape i18n.STRINGS merges.
STRINGS = by_language(TEXTS)

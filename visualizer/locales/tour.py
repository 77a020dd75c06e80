"""The chapter tour's strings, in English and 中文."""

from visualizer.locales import by_language

TEXTS: dict[str, dict[str, str]] = {
    "tour.nav": {
        "en": "Chapter tour",
        "zh": "章节导览",
    },
    "tour.title": {
        "en": "A guided tour of the chapter",
        "zh": "本章导览",
    },
    "tour.goals": {
        "en": (
            "After this chapter you can: **describe feed-forward networks**; **tell them apart from "
            "recurrent networks**; **see what backpropagation through time does**; **describe the "
            "weaknesses of RNNs** (vanishing and exploding gradients) and how clipping helps; and "
            "**solve an authorship-attribution problem with an RNN**. Walk the steps in order: each "
            "opens a page on the settings that make its point, with the chapter's figures named."
        ),
        "zh": (
            "学完本章，你能够：**描述前馈神经网络**；**区分前馈网络与循环神经网络**；"
            "**理解通过时间的反向传播（BPTT）做了什么**；**描述循环神经网络的弱点**（梯度消失与梯度爆炸）"
            "以及梯度裁剪如何帮助；并**用循环神经网络解决作者归属问题**。请按顺序完成各步："
            "每一步都会在能说明问题的设置下打开相应页面，并注明对应的图号。"
        ),
    },
    "tour.figures": {
        "en": "figures {figures}",
        "zh": "图 {figures}",
    },
    "tour.section.vanishing": {
        "en": "section: vanishing gradients",
        "zh": "小节：梯度消失",
    },
    "tour.section.exploding": {
        "en": "section: exploding gradients",
        "zh": "小节：梯度爆炸",
    },
    "tour.section.regime": {
        "en": "section: vanishing and exploding gradients",
        "zh": "小节：梯度消失与梯度爆炸",
    },
    "tour.section.gates": {
        "en": "section: vanishing gradients, the cure (LSTM, GRU)",
        "zh": "小节：梯度消失的解药（LSTM、GRU）",
    },
    "tour.section.clipping": {
        "en": "section: gradient clipping",
        "zh": "小节：梯度裁剪",
    },
    "tour.open": {
        "en": "Open this step",
        "zh": "打开这一步",
    },
    "tour.tdnn.title": {
        "en": "From a time-delay network to the Elman RNN",
        "zh": "从时延神经网络到 Elman 循环网络",
    },
    "tour.tdnn.text": {
        "en": (
            "A TDNN sees only a window of w past inputs; an Elman network (Keras's SimpleRNN) feeds its "
            "own state back. Switch the architecture between TDNN and many-to-many, and the view "
            "between folded and unrolled: the unrolled graph is the same network copied once per step."
        ),
        "zh": (
            "TDNN 只能看到过去 w 个输入组成的窗口；Elman 网络（Keras 的 SimpleRNN）把自己的状态反馈回来。"
            "在 TDNN 与多对多之间切换结构，并在折叠与展开视图之间切换：展开图就是同一个网络在每一步复制一次。"
        ),
    },
    "tour.ffnn.title": {
        "en": "A feed-forward network is an RNN with Ws = 0",
        "zh": "前馈网络就是 Ws = 0 的循环网络",
    },
    "tour.ffnn.text": {
        "en": (
            "With the recurrent weights at zero nothing flows between steps: every gradient term lies "
            "on the diagonal k = t of the map. Raise σ_max and the terms spread to earlier steps."
        ),
        "zh": (
            "循环权重为零时，步与步之间没有信息流动：每个梯度项都在图的对角线 k = t 上。增大 σ_max，"
            "梯度项就会扩散到更早的步。"
        ),
    },
    "tour.architectures.title": {
        "en": "One-to-many, many-to-one, many-to-many, stacked",
        "zh": "一对多、多对一、多对多与堆叠",
    },
    "tour.architectures.text": {
        "en": (
            "Where the losses sit decides which paths the gradient takes. Try the architectures and "
            "the stacked option: weights are shared across time, not across layers."
        ),
        "zh": (
            "损失所在的位置决定了梯度走哪些路径。试试各种结构和堆叠选项："
            "权重在时间上共享，而不是在层之间共享。"
        ),
    },
    "tour.e3.title": {
        "en": "BPTT by hand: the gradient of E3",
        "zh": "手算 BPTT：E3 的梯度",
    },
    "tour.e3.text": {
        "en": (
            "The chapter's worked example: dE3/dWs is a sum of terms over k = 3, 2, 1. Step through it "
            "and watch each path light up, with its size and the running sum. Under the graph, "
            "“The chapter's equations, live” shows the same network's numbers in figures 5.4–5.15 and "
            "one update W ← W − α ∂E/∂W, with E before and after."
        ),
        "zh": (
            "本章的例题：dE3/dWs 是 k = 3、2、1 各项之和。逐步查看，"
            "观察每条路径被点亮，以及它的大小和累加和。图下方的“本章的公式：实时数值”给出同一个网络"
            "在图 5.4–5.15 中的数值，以及一次更新 W ← W − α ∂E/∂W 前后的 E。"
        ),
    },
    "tour.vanishing.title": {
        "en": "Vanishing gradients",
        "zh": "梯度消失",
    },
    "tour.vanishing.text": {
        "en": (
            "tanh with σ_max(Ws) = 0.8: every step back multiplies by at most γ·σ_max < 1, so the "
            "terms from early steps fade by orders of magnitude."
        ),
        "zh": (
            "tanh 且 σ_max(Ws) = 0.8：每向前一步最多乘以 γ·σ_max < 1，"
            "因此来自早期步的梯度项会衰减好几个数量级。"
        ),
    },
    "tour.exploding.title": {
        "en": "Exploding gradients",
        "zh": "梯度爆炸",
    },
    "tour.exploding.text": {
        "en": (
            "A linear RNN with σ_max = 1.3: each step back now multiplies ‖dE_t/ds_k‖ by up to 1.3, so on "
            "the Wx map the terms from the first steps of a late loss are about 7 decades larger than the "
            "recent ones and dominate dE_t/dWx. The Ws map's rows stay flat, because the states grow "
            "forward by the same 1.3 per step: term k of dE_t/dWs = u_{t,k} s_{k−1}ᵀ multiplies a gradient "
            "that is larger the earlier k is by a state that is smaller by as much. The chart of ‖s_k‖ "
            "shows that growth."
        ),
        "zh": (
            "σ_max = 1.3 的线性 RNN：每往回一步，‖dE_t/ds_k‖ 最多乘以 1.3，所以在 Wx 热力图上，"
            "较晚的损失来自最初几步的梯度项比最近几步的大约 7 个数量级，主导了 dE_t/dWx。"
            "Ws 热力图的每一行却是平的，因为状态向前也每步增长 1.3 倍：dE_t/dWs 的第 k 项 u_{t,k} s_{k−1}ᵀ "
            "把一个 k 越早越大的梯度乘以一个同样程度地越早越小的状态。‖s_k‖ 的图显示了这种增长。"
        ),
    },
    "tour.regime.title": {
        "en": "The whole picture: where gradients vanish or explode",
        "zh": "全局图景：梯度在哪里消失、在哪里爆炸",
    },
    "tour.regime.text": {
        "en": (
            "Every cell is a network: σ_max across, length T up. Left of the 1/γ line gradients must "
            "vanish; right of it they may explode. Click a cell to open its heatmaps."
        ),
        "zh": (
            "每个格子是一个网络：横轴为 σ_max，纵轴为长度 T。1/γ 线左侧梯度必然消失；右侧梯度可能爆炸。"
            "点击格子可打开它的热力图。"
        ),
    },
    "tour.gates.title": {
        "en": "Why gates help: the LSTM keeps its cell state",
        "zh": "门控为何有效：LSTM 保留它的细胞状态",
    },
    "tour.gates.text": {
        "en": (
            "The chapter's cure for vanishing gradients: SimpleRNN, GRU and LSTM on the same task and T. "
            "With the gates held open (large forget-gate and update-gate biases) the LSTM and the GRU "
            "carry the gradient back to the first step many decades more strongly than the SimpleRNN, "
            "whose gradient vanishes. Then train all three on temporal order and compare."
        ),
        "zh": (
            "本章对梯度消失给出的解药：SimpleRNN、GRU 和 LSTM 在同一个任务和同样的 T 上比较。"
            "门保持打开时（遗忘门和更新门的偏置较大），LSTM 和 GRU 把梯度传回第 1 步的强度比 SimpleRNN "
            "高出许多个数量级，而 SimpleRNN 的梯度消失了。然后在时间顺序任务上训练三者并比较。"
        ),
    },
    "tour.clipping.title": {
        "en": "Clipping rescues training (and Pascanu's cliff)",
        "zh": "梯度裁剪挽救训练（以及 Pascanu 的悬崖）",
    },
    "tour.clipping.text": {
        "en": (
            "Train one network three ways: unclipped, SGD meets gradients many times the threshold θ "
            "and stays at chance; clipped by norm, the same network learns. Below, the cliff of "
            "Pascanu et al. shows how one unclipped step can go so wrong."
        ),
        "zh": (
            "用三种方式训练同一个网络：不裁剪时，SGD 遇到数倍于阈值 θ 的梯度，停在随机水平；"
            "按范数裁剪后，同一个网络就能学会。下方 Pascanu 等人的悬崖图说明了不裁剪的一步为什么会出大错。"
        ),
    },
    "tour.parameters.title": {
        "en": "Parameters don't grow with the number of timesteps",
        "zh": "参数数量不随时间步数增长",
    },
    "tour.parameters.text": {
        "en": (
            "Keras's model.summary for exercise 23: move timesteps from 10 to 1,000 and watch the "
            "output shapes change while Param # stays at 10,560 + 4,160 + 6,500 = 21,220."
        ),
        "zh": (
            "练习 23 的 Keras model.summary：把时间步从 10 调到 1,000，输出形状随之改变，"
            "而参数个数始终是 10,560 + 4,160 + 6,500 = 21,220。"
        ),
    },
    "tour.stateful.title": {
        "en": "Stateful versus stateless training",
        "zh": "有状态与无状态训练",
    },
    "tour.stateful.text": {
        "en": (
            "Exercise 24: how batches are laid out when the state is carried (sample i of one batch "
            "continues sample i of the previous one), and the box plot over seeds."
        ),
        "zh": (
            "练习 24：携带状态时批次如何排列（一个批次的第 i 个样本接着上一个批次的第 i 个样本）"
            "，以及多个随机种子的箱线图。"
        ),
    },
    "tour.federalist.title": {
        "en": "Who wrote Federalist No. 51?",
        "zh": "《联邦党人文集》第 51 篇是谁写的？",
    },
    "tour.federalist.text": {
        "en": (
            "The chapter's activity on real text: a character-level RNN learns Hamilton's and "
            "Madison's styles and attributes the twelve disputed papers. Compare with Mosteller and "
            "Wallace (1964), and see how far back the gradient reaches with each readout."
        ),
        "zh": (
            "本章在真实文本上的活动：字符级 RNN 学习汉密尔顿和麦迪逊的文风，并判断 12 篇有争议文章的作者。"
            "与 Mosteller 和 Wallace（1964）的结论比较，并观察不同读出方式下梯度能向前传播多远。"
        ),
    },
}

# The same table per language, the shape i18n.STRINGS merges.
STRINGS = by_language(TEXTS)

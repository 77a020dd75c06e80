"""Training: the one trainer (train), the synthetic tasks (tasks), the clipping lab built on
both (clipping_lab), and Pascanu's single-unit cliff (cliff). Import the submodules by path.
"""

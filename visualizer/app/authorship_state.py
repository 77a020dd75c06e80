"""Old name of visualizer.views.authorship.files: this module *is* that one once imported.

Kept only because tests/pages/test_authorship_click_everything.py (which must stay unchanged) and
tests/pages/test_bad_input.py point the page's models/ folder at a temporary one through
`authorship_state.MODELS`; as the same module object, setting it here sets the folder the page reads.
Delete this file once those tests import visualizer.views.authorship.files.
"""

import sys

from visualizer.views.authorship import files

sys.modules[__name__] = files

"""Browser fixtures shared by the browser test modules (defined in test_web_flows)."""

from tests.browser.test_web_flows import browser, people, server  # noqa: F401
from tests.intake.dovecot import dovecot_server  # noqa: F401
from tests.integrations.fixtures import smtp_sink  # noqa: F401

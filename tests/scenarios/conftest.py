from tests.integrations.fixtures import configured, fake_services, smtp_sink  # noqa: F401

"""salesops — a self-hosted sales-operations CRM that runs an inbound B2B playbook as software."""

__version__ = "0.1.0"

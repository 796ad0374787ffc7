"""Importers and exporters (issue 19): Salesforce, HubSpot, generic CSV, salesops itself."""

"""The portal's fixtures (a signed-in agency client) for the commitments page tests."""

from tests.portal.conftest import agency_client, portal  # noqa: F401

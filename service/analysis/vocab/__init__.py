"""Persian municipal vocabularies shipped as data (``data/``): a thesaurus of activities and objects,
geography and beneficiaries as code hierarchies. The analyses compare these, not raw strings."""

from service.analysis.vocab.beneficiaries import beneficiary_code, beneficiary_label, shared_beneficiaries
from service.analysis.vocab.geography import geo_code, geo_label, geo_overlap
from service.analysis.vocab.stem import stem, tokens
from service.analysis.vocab.thesaurus import Thesaurus, concepts, default_thesaurus, related

__all__ = [
    "Thesaurus", "beneficiary_code", "beneficiary_label", "concepts", "default_thesaurus", "geo_code",
    "geo_label", "geo_overlap", "related", "shared_beneficiaries", "stem", "tokens",
]  # fmt: skip

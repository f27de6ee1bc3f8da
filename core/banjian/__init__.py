"""The national 办件 model: each matter of a case as the 办件 record a province's platform keeps.

docs/banjian.md has the field list with its sources and the table of our statuses → 办件状态.
Pure: no HTTP; the ``gov-standard`` platform adapter speaks these records.
"""

from core.banjian.build import banjian_records
from core.banjian.codec import record_from_json, record_to_json, records_from_text, records_to_text
from core.banjian.model import (
    Agent,
    BanjianRecord,
    FollowUp,
    Material,
    Party,
    ProcessRecord,
    Rating,
    Settlement,
)
from core.banjian.states import HandleState, record_state

__all__ = [
    "Agent",
    "BanjianRecord",
    "FollowUp",
    "HandleState",
    "Material",
    "Party",
    "ProcessRecord",
    "Rating",
    "Settlement",
    "banjian_records",
    "record_from_json",
    "record_state",
    "record_to_json",
    "records_from_text",
    "records_to_text",
]

from .field import Field, FieldList
from .procedure import Procedure
from .unit import Unit

__all__ = ["Field", "FieldList", "Procedure", "Unit"]

from .desk import Desk
from .feedback import Feedback
from .field import Field, FieldList
from .late import LateList
from .notice import Notice
from .plan import Plan
from .procedure import Procedure
from .searchwords import Elsewhere, SearchWords, Synonym
from .stats import Statistics
from .unit import Unit

__all__ = ["Desk", "Feedback", "Field", "FieldList", "LateList", "Notice", "Plan", "Procedure", "SearchWords", "Elsewhere", "Synonym", "Statistics",
           "Unit"]

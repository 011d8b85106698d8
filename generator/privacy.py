"""Guard against publishing citizens' personal data (Nghị định 13/2023/NĐ-CP) in public lists.

Looks through every text value of a record for what looks like an ID-card number (9 or 12 digits),
a phone number or an email address, and names the key it was found under.
"""

import re

_CHECKS = [
    (re.compile(r"(?<![\d.\-/])(\d{12}|\d{9})(?![\d.\-/])"), "số giống số chứng minh nhân dân hoặc căn cước (9 hoặc 12 chữ số)"),
    (re.compile(r"(?<![\d.\-/])(\+84|0)[ .]?\d{2,3}[ .]?\d{3}[ .]?\d{3,4}(?![\d.\-/])"), "số giống số điện thoại"),
    (re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"), "địa chỉ thư điện tử"),
]


def personal_data_problems(data, key_path: tuple = ()) -> list[tuple[tuple, str]]:
    """(key path, Vietnamese message) for each text value that looks like personal data."""
    if isinstance(data, dict):
        return [found for key, value in data.items() for found in personal_data_problems(value, key_path + (key,))]
    if isinstance(data, list):
        return [found for index, value in enumerate(data) for found in personal_data_problems(value, key_path + (index,))]
    found = []
    text = str(data) if isinstance(data, (str, int)) and not isinstance(data, bool) else ""
    for pattern, what in _CHECKS:
        match = pattern.search(text)
        if match:
            found.append((key_path, f"có {what} (“{match.group(0)}”): không được công bố dữ liệu cá nhân của "
                                    "người dân trong danh sách này (Nghị định 13/2023/NĐ-CP)"))
    return found

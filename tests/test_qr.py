"""QR codes and preview cards are what the libraries would make on their own, only faster.

The mask choice runs on arrays (generator/qr.py) and procedure cards are composed from cached
pieces (generator/cards.py); both are compared here with the slow, whole-library way."""

import io

import qrcode
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops
from qrcode.constants import ERROR_CORRECT_M

from generator import cards
from generator.qr import qr_matrix


def qrcode_own_matrix(data: str) -> tuple[tuple[bool, ...], ...]:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=4)
    code.add_data(data)
    code.make(fit=True)  # places the data under all 8 masks and scores each in pure Python
    return tuple(tuple(row) for row in code.get_matrix())


def test_every_procedure_address_gets_qrcodes_own_code():
    addresses = [f"https://xa-mau.example/thu-tuc/{kind}.{number:06d}/" for kind in (1, 2) for number in range(0, 3000, 7)]
    assert all(qr_matrix(address) == qrcode_own_matrix(address) for address in addresses)


def test_long_texts_get_qrcodes_own_code():
    # Codes of version 7 and above also carry version bits, placed by qrcode after the mask is chosen.
    texts = [("Đăng ký khai sinh cho trẻ em. " * repeat)[:length] for repeat, length in ((10, 150), (40, 600), (80, 1500))]
    versions = {(len(qr_matrix(text)) - 8 - 17) // 4 for text in texts}
    assert min(versions) >= 7
    assert all(qr_matrix(text) == qrcode_own_matrix(text) for text in texts)


@settings(max_examples=150, deadline=None)
@given(st.text(min_size=1, max_size=900))
def test_any_text_gets_qrcodes_own_code(data):
    # Up to 900 characters of any script reaches versions 7 and above, which carry version bits.
    assert qr_matrix(data) == qrcode_own_matrix(data)


def test_the_addresses_above_need_different_masks():
    # So that the comparison above is a test of the mask choice, not of one mask.
    masks = set()
    for number in range(0, 3000, 7):
        code = qrcode.QRCode(error_correction=ERROR_CORRECT_M)
        code.add_data(f"https://xa-mau.example/thu-tuc/1.{number:06d}/")
        code.best_fit()
        masks.add(code.best_mask_pattern())
    assert len(masks) >= 6


NAMES = [
    "Đăng ký khai sinh",
    "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan tổ chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận",
    "Thủ tục giải quyết chế độ trợ cấp một lần đối với người được cử làm chuyên gia sang giúp Lào, Căm-pu-chia và các nước khác",
    "Ấn định, điều chỉnh ỹ ữ ậ — “trích lục” (bản sao) jq",
]


def whole_card(name: str, code: str, url: str) -> bytes:
    """The card drawn the straightforward way: one RGB canvas, then reduced to the palette."""
    image, _ = cards._card("Xã Hòa Bình Mẫu", name, f"Mã thủ tục {code}", cards.SIZE[0] - 520)
    matrix = qr_matrix(url)
    qr = Image.new("1", (len(matrix), len(matrix)), 1)
    qr.putdata([0 if dark else 1 for row in matrix for dark in row])
    image.paste(qr.resize((400, 400), Image.NEAREST).convert("RGB"), (cards.SIZE[0] - 440, 160))
    return cards._png(image)


def test_procedure_card_looks_like_the_whole_drawn_card():
    for number, name in enumerate(NAMES):
        code, url = f"2.00{number}", f"https://xa-mau.example/thu-tuc/2.00{number}/"
        card = Image.open(io.BytesIO(cards.procedure_card("Xã Hòa Bình Mẫu", name, code, url)))
        assert card.size == cards.SIZE and card.mode == "P"
        whole = Image.open(io.BytesIO(whole_card(name, code, url))).convert("RGB")
        difference = ImageChops.difference(card.convert("RGB"), whole).convert("L")
        # Words are placed at whole pixels, so glyph edges shift by up to half a pixel; nothing else.
        strong = sum(difference.histogram()[96:])
        assert strong < 0.005 * cards.SIZE[0] * cards.SIZE[1], (name, strong)
        left, top, right, bottom = difference.point(lambda value: 255 if value >= 96 else 0).getbbox() or (0, 0, 0, 0)
        assert right <= cards.SIZE[0] - 480  # the QR code and the header are exactly the same
        assert top >= 110 or bottom == 0
        assert [found.text for found in zxingcpp.read_barcodes(card)] == [url]

import jsonschema

from .schemas import CITY_FORMAT


def check_city(data: dict) -> None:
    # Reads the chat shape of the format: it must not change under this code.
    jsonschema.validate(data, CITY_FORMAT["json_schema"]["schema"])

# An uncaught exception raised from another: the last stderr line is the outer error.
class ConfigError(Exception):
    pass
def read_port(text):
    try:
        return int(text)
    except ValueError as e:
        raise ConfigError(f"invalid port {text!r}") from e
print("port", read_port("8080"))
print("port", read_port("http"))

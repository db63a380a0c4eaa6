class MonitoringError(ValueError):
    """A write refused for a reason the person can act on; `message` says it in their language."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message

"""Qt item models over the service's plain values."""

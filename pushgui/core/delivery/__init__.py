"""The delivery queue: deliveries are rows in the store, claimed, sent one recipient at a
time and recorded as soon as the service answers for that recipient."""

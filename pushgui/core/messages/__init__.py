"""What a push says: placeholders, saved templates, recipients and the message each one gets,
text checks, attachments.
"""

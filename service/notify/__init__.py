"""Follow-up that reaches people: notifications in the graph, the sweep that writes them on a schedule,
the daily e-mail digest and signed webhooks. One module per concern:

- ``kinds``: what a notification can say and who reads which inbox
- ``notes``: one notification to write (its dedupe key, its stored row)
- ``words``: the titles in Persian and English, Jalali dates and Persian digits
- ``sources``: what the store says is news (requests filed and moved, due soon, overdue, escalated,
  plan actions late, agreement steps awaiting)
- ``inbox``: reading and marking one reader's inbox (the View decides whose)
- ``sweep``: one sweep (sources → notifications → webhooks → digests), its progress kept in the graph
- ``scheduler``: the asyncio task the app's lifespan owns
- ``digest``, ``mailer``: the daily digest and SMTP
- ``signing``, ``webhooks``, ``delivery``: webhook registration (SSRF-checked), signatures, delivery
"""

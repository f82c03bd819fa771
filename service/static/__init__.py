"""Static files served by the app: the Vazirmatn Persian font (OFL, npm package vazirmatn 33.0.3)
and the shared stylesheet. Nothing here is fetched from a CDN."""

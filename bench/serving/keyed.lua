-- wrk script: a fixed path (wrk's URL) with the API key header.
local key = os.getenv("OBRADOR_KEY")
wrk.headers["X-Api-Key"] = key

-- wrk script: every request submits the 20-question form of another company's link.
-- Reads `token<TAB>csrf` lines from $KOTAE_BENCH_TOKENS (written by the bench_seed
-- example). Each thread takes every Nth link, so no link is sent twice while links last.
local tokens = {}
for line in io.lines(os.getenv("KOTAE_BENCH_TOKENS")) do
  local token, csrf = line:match("([^\t]+)\t([^\t]+)")
  tokens[#tokens + 1] = { token, csrf }
end

local thread_count = 0
function setup(thread)
  thread:set("id", thread_count)
  thread_count = thread_count + 1
end

local answers = table.concat({
  "negotiations=12", "expected_contracts=3", "contracts=1", "business_cards=85",
  "visitor_reaction=good", "satisfaction=4", "exhibit_again=no",
  "reason_not_again=%E4%BA%88%E7%AE%97%E3%81%AE%E9%83%BD%E5%90%88",
  "requests=%E9%A7%90%E8%BB%8A%E5%A0%B4%E3%81%AE%E6%A1%88%E5%86%85%E3%82%92%E5%A2%97%E3%82%84%E3%81%97%E3%81%A6%E3%81%8F%E3%81%A0%E3%81%95%E3%81%84",
  "extra_1=10", "extra_2=abc", "extra_3=30", "extra_4=def", "extra_5=50", "extra_6=ghi",
  "extra_7=70", "extra_8=jkl", "extra_9=90", "extra_10=mno", "extra_11=110",
}, "&")

function init(args)
  step = tonumber(os.getenv("KOTAE_BENCH_THREADS") or "2")
  n = id
end

function request()
  local entry = tokens[(n % #tokens) + 1]
  local body = "intent=submit&base_revision=0&save_key=bench" .. n .. "&csrf=" .. entry[2] .. "&" .. answers
  n = n + step
  return wrk.format("POST", "/a/" .. entry[1], {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "text/html",
  }, body)
end

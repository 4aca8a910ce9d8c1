-- wrk's --latency prints 50/75/90/99; the targets speak of p95 too.
done = function(summary, latency, requests)
  for _, p in ipairs({50, 95, 99}) do
    io.write(string.format("p%d %d\n", p, latency:percentile(p)))
  end
end

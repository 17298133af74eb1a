-- The three customers who spent the most, with what they spent, biggest first.
-- Table orders(id, customer_id, amount)
SELECT customer_id, SUM(amount) AS total
FROM orders
GROUP BY customer_id
ORDER BY total DESC
LIMIT 3;

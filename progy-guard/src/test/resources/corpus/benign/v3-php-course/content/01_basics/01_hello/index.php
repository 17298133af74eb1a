<?php
$name = htmlspecialchars($_GET['name'] ?? 'world', ENT_QUOTES);
echo "Hello, {$name}!";

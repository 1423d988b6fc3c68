<?php
// ruleid: php-ssrf
$ch = curl_init($_GET['url']);
curl_exec($ch);

$host = $_POST['host'];
// ruleid: php-ssrf
$data = file_get_contents("https://" . $host . "/feed.xml");

function proxy(\Illuminate\Http\Request $request, \GuzzleHttp\Client $client)
{
    // ruleid: php-ssrf
    return $client->get($request->input('target'))->getBody();
}

// ok: php-ssrf
$status = file_get_contents("https://status.example.com/api");
// ok: php-ssrf
$cfg = file_get_contents(__DIR__ . '/config.json');

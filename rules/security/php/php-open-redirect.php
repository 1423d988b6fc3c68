<?php
// ruleid: php-open-redirect
header("Location: " . $_GET['next']);

$to = $_REQUEST['to'];
// ruleid: php-open-redirect
wp_redirect($to);

function back(\Illuminate\Http\Request $request)
{
    // ruleid: php-open-redirect
    return redirect()->away($request->query('url'));
}

// ok: php-open-redirect
header("Location: /login.php");
// ok: php-open-redirect
header("Location: /search.php?q=" . urlencode($_GET['q']));
// ok: php-open-redirect
header("Content-Type: " . $_GET['type']);
// ok: php-open-redirect
wp_safe_redirect($_GET['next']);

class RedirectIfAuthenticated
{
    public function handle(\Illuminate\Http\Request $request, $next)
    {
        // What a method computes from the request is not the request's URL.
        // ok: php-open-redirect
        return redirect($this->redirectTo($request));
    }
}

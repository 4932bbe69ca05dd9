// CloudFront Function (cloudfront-js-2.0), viewer request, on the site's default behaviour: a path
// whose last segment has no extension is a page of the single-page app (/, /course/<id>,
// /checkout/success), which the app's shell renders; anything else is a file of the build.
function handler(event) {
    var request = event.request;
    var last = request.uri.substring(request.uri.lastIndexOf('/') + 1);
    if (last.indexOf('.') === -1) {
        request.uri = '/index.html';
    }
    return request;
}

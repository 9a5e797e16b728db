using System.Net;
using System.Net.Http.Headers;
using ClinicCms.Tests.TestHost;
using ClinicCms.Web.Media;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Media;

/// <summary>/media/{path}?width=&amp;height=&amp;rmode=&amp;format=&amp;quality=&amp;bgcolor= over HTTP, on one shared site.</summary>
public sealed class ResizedImageTests(SharedClinicApp site) : IClassFixture<SharedClinicApp>
{
    private readonly MediaStore _store = site.App.Services.GetRequiredService<MediaStore>();
    private readonly MediaVariants _variants = site.App.Services.GetRequiredService<MediaVariants>();
    private readonly HttpClient _http = site.App.CreateClient();

    [Fact]
    public async Task A_resized_image_has_the_requested_size_and_format_and_no_metadata()
    {
        var original = TestImages.Jpeg(2048, 1536);
        Assert.Contains(TestImages.MetadataMarker, System.Text.Encoding.UTF8.GetString(original), StringComparison.Ordinal);
        await SaveAsync("sizes/photo.jpg", original);

        foreach (var (query, format, width, height) in new[]
        {
            ("width=480&format=webp", "webp", 480, 360),
            ("height=240", "jpg", 320, 240),
            ("width=480&height=480", "jpg", 480, 480),
            ("width=480&height=480&rmode=crop&format=png", "png", 480, 480),
            ("width=240&height=480&rmode=pad&bgcolor=ff0000", "jpg", 240, 480),
            ("width=2048&height=2048&rmode=boxpad&format=webp", "webp", 2048, 2048),
            ("width=480&height=480&rmode=max", "jpg", 480, 360),
            ("width=480&height=480&rmode=min", "jpg", 640, 480),
            ("width=100&height=480&rmode=stretch&quality=50", "jpg", 100, 480),
            ("format=webp", "webp", 2048, 1536),
        })
        {
            using var response = await _http.GetAsync($"/media/sizes/photo.jpg?{query}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(format, TestImages.FormatOf(bytes));
            Assert.Equal(format == "jpg" ? "image/jpeg" : $"image/{format}", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal((width, height), TestImages.Size(bytes));
            Assert.DoesNotContain(TestImages.MetadataMarker, System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
            Assert.Equal("sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        }

        // The original is served as it was, with no parameters.
        using var plain = await _http.GetAsync("/media/sizes/photo.jpg");
        Assert.Equal(original, await plain.Content.ReadAsByteArrayAsync());
        Assert.Equal("public, max-age=86400", plain.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Unsupported_sizes_and_bad_parameters_get_a_400_naming_them_and_write_nothing()
    {
        await SaveAsync("bad/photo.jpg", TestImages.Jpeg(600, 400));
        var resized = _variants.Resized;
        foreach (var (query, message) in new[]
        {
            ("width=123", "width '123' is not a supported size; supported sizes: 16, 32, 50, 100, 160, 240, 480, 600, 1024, 2048"),
            ("width=4096", "width '4096' is not a supported size"),
            ("height=-100", "height '-100' is not a supported size"),
            ("height=1e3", "height '1e3' is not a supported size"),
            ("width=100&width=160", "width is given 2 times; give it once"),
            ("width=100&rmode=zoom", "rmode 'zoom' is not a resize mode; use crop, pad, boxpad, max, min or stretch"),
            ("width=100&format=gif", "format 'gif' is not supported; use jpg, png or webp"),
            ("width=100&quality=0", "quality '0' is not a whole number from 1 to 100"),
            ("width=100&quality=101", "quality '101' is not a whole number from 1 to 100"),
            ("width=100&quality=40", "quality '40' is not a supported quality; supported qualities: 50, 75, 90, 100 (ClinicCms:Media:SupportedQualities)"),
            ("width=100&bgcolor=%3Cscript%3E", "bgcolor '<script>' is not a colour"),
            ("width=100&bgcolor=%E2%9C%93", "bgcolor '✓' is not a colour"),
            ("width=" + new string('9', 5000), $"width '{new string('9', 40)}...' is not a supported size"),
        })
        {
            using var response = await _http.GetAsync($"/media/bad/photo.jpg?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(message, System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        Assert.Equal(resized, _variants.Resized);
    }

    [Fact]
    public async Task Parameters_that_change_nothing_make_no_new_variant()
    {
        await SaveAsync("same/photo.jpg", TestImages.Jpeg(600, 400));
        await SaveAsync("same/logo.png", TestImages.Png(600, 400));
        var resized = _variants.Resized;
        foreach (var (path, queries) in new[]
        {
            // bgcolor only pads (pad, boxpad); 75 is the quality when none is given.
            ("same/photo.jpg", new[] { "width=160", "width=160&bgcolor=ff0000", "width=160&rmode=crop&bgcolor=00ff00", "width=160&quality=75" }),
            // PNG has no quality.
            ("same/logo.png", new[] { "width=160&rmode=max", "width=160&rmode=max&quality=50", "width=160&rmode=max&quality=100&bgcolor=black" }),
        })
        {
            var etags = new List<string>();
            foreach (var query in queries)
            {
                using var response = await _http.GetAsync($"/media/{path}?{query}");
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query}: {response.StatusCode}");
                etags.Add(response.Headers.ETag!.Tag);
            }
            Assert.Single(etags.Distinct());
            Assert.Single(Directory.GetFiles(_variants.FolderOf(path)));
        }
        Assert.Equal(resized + 2, _variants.Resized);

        // Where they do count, they are a variant of their own.
        using var padded = await _http.GetAsync("/media/same/photo.jpg?width=160&height=160&rmode=pad&bgcolor=ff0000");
        using var quality = await _http.GetAsync("/media/same/photo.jpg?width=160&quality=50");
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (padded.StatusCode, quality.StatusCode));
        Assert.Equal(3, Directory.GetFiles(_variants.FolderOf("same/photo.jpg")).Length);
        Assert.Equal(resized + 4, _variants.Resized);
    }

    [Fact]
    public async Task A_padded_image_takes_bgcolor_only_from_a_bounded_set_and_every_spelling_of_a_colour_is_one_variant()
    {
        await SaveAsync("colours/photo.jpg", TestImages.Jpeg(600, 400));
        var etags = new List<string>();
        foreach (var colour in new[] { "fff", "%23FFF", "ffffff", "%23FfFfFf", "white" })
        {
            using var response = await _http.GetAsync($"/media/colours/photo.jpg?width=160&height=160&rmode=pad&bgcolor={colour}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{colour}: {response.StatusCode}");
            etags.Add(response.Headers.ETag!.Tag);
        }
        Assert.Single(etags.Distinct());
        Assert.Single(Directory.GetFiles(_variants.FolderOf("colours/photo.jpg")));

        // Any other colour would be one more variant on disk per value: refused, naming the parameter and the set.
        foreach (var colour in new[] { "123456", "%23ff0001", "ffffff80", "11223344", "fffff", "lavenderblush" })
        {
            using var refused = await _http.GetAsync($"/media/colours/photo.jpg?width=160&height=160&rmode=pad&bgcolor={colour}");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var body = await refused.Content.ReadAsStringAsync();
            Assert.Contains("is not a colour of the supported set", body, StringComparison.Ordinal);
            Assert.Contains("3-digit hex colour", body, StringComparison.Ordinal);
        }
        Assert.Single(Directory.GetFiles(_variants.FolderOf("colours/photo.jpg")));
    }

    [Fact]
    public async Task A_file_that_is_not_a_raster_image_ignores_the_parameters()
    {
        var pdf = "%PDF-1.4 leaflet"u8.ToArray();
        await SaveAsync("docs/leaflet.pdf", pdf);
        using var response = await _http.GetAsync("/media/docs/leaflet.pdf?width=123&rmode=zoom");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(pdf, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("public, max-age=86400", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task A_variant_comes_from_the_disk_cache_with_an_etag_and_a_changed_or_deleted_original_never_serves_it()
    {
        await SaveAsync("cache/photo.jpg", TestImages.Jpeg(1024, 768));
        var resized = _variants.Resized;

        using var first = await _http.GetAsync("/media/cache/photo.jpg?width=160&format=webp");
        var firstBytes = await first.Content.ReadAsByteArrayAsync();
        var variant = Assert.Single(Directory.GetFiles(_variants.FolderOf("cache/photo.jpg")));
        Assert.Equal(firstBytes, await File.ReadAllBytesAsync(variant));
        Assert.False(variant.StartsWith(_store.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        Assert.Equal(resized + 1, _variants.Resized);
        var etag = first.Headers.ETag!;
        Assert.Equal("public, max-age=86400", first.Headers.CacheControl?.ToString());

        using var second = await _http.GetAsync("/media/cache/photo.jpg?width=160&format=webp");
        Assert.Equal(resized + 1, _variants.Resized);
        Assert.Equal(firstBytes, await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, second.Headers.ETag);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/media/cache/photo.jpg?width=160&format=webp&v=1");
        conditional.Headers.IfNoneMatch.Add(etag);
        using var notModified = await _http.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag);
        Assert.Equal("public, max-age=31536000, immutable", notModified.Headers.CacheControl?.ToString());

        // Replaced: a new variant of the new image, and the old one is gone from disk.
        await ReplaceAsync("cache/photo.jpg", TestImages.Jpeg(1024, 1024));
        Assert.False(File.Exists(variant));
        using var conditionalAgain = new HttpRequestMessage(HttpMethod.Get, "/media/cache/photo.jpg?width=160&format=webp");
        conditionalAgain.Headers.IfNoneMatch.Add(etag);
        using var changed = await _http.SendAsync(conditionalAgain);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        Assert.Equal((160, 160), TestImages.Size(await changed.Content.ReadAsByteArrayAsync()));
        Assert.Equal(resized + 2, _variants.Resized);

        // Moved and deleted: no variant is served for a file that is not there, and none is left on disk.
        Assert.Null(await _store.MoveAsync("cache/photo.jpg", "cache/moved.jpg"));
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/media/cache/photo.jpg?width=160&format=webp")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/media/cache/moved.jpg?width=160&format=webp")).StatusCode);
        Assert.Null(await _store.DeleteAsync("cache/moved.jpg"));
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/media/cache/moved.jpg?width=160&format=webp")).StatusCode);
        Assert.False(Directory.Exists(_variants.FolderOf("cache/photo.jpg")));
        Assert.False(Directory.Exists(_variants.FolderOf("cache/moved.jpg")));
    }

    [Fact]
    public async Task Concurrent_requests_for_the_same_new_variant_resize_once()
    {
        await SaveAsync("burst/photo.jpg", TestImages.Jpeg(2048, 1536));
        var resized = _variants.Resized;
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _http.GetByteArrayAsync("/media/burst/photo.jpg?width=480&format=webp")));
        Assert.Equal(resized + 1, _variants.Resized);
        Assert.All(responses, r => Assert.Equal(responses[0], r));
    }

    [Fact]
    public async Task When_too_many_resizes_wait_a_new_variant_gets_a_503_with_retry_after_and_nothing_is_written()
    {
        await SaveAsync("busy/photo.jpg", TestImages.Jpeg(600, 400));
        var resized = _variants.Resized;
        var slots = _variants.Slots;
        var turns = new List<IDisposable>();
        var queued = new List<Task<IDisposable?>>();
        try
        {
            // Every turn taken and every place in the queue filled.
            while (queued.Count == 0)
            {
                var entered = slots.EnterAsync(CancellationToken.None);
                if (entered.IsCompleted)
                {
                    turns.Add((await entered)!);
                }
                else
                {
                    queued.Add(entered);
                }
            }
            while (slots.Waiting < slots.MaxWaiting)
            {
                queued.Add(slots.EnterAsync(CancellationToken.None));
            }

            using var response = await _http.GetAsync("/media/busy/photo.jpg?width=160");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());
            Assert.Contains($"busy/photo.jpg: {slots.MaxWaiting} resizes are waiting already (ClinicCms:Media:MaxWaitingResizes)", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.False(Directory.Exists(_variants.FolderOf("busy/photo.jpg")));
        }
        finally
        {
            turns.ForEach(t => t.Dispose());
            foreach (var waiting in queued)
            {
                (await waiting)?.Dispose();
            }
        }
        Assert.Equal(resized, _variants.Resized);
        using var later = await _http.GetAsync("/media/busy/photo.jpg?width=160");
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    [Fact]
    public async Task A_decompression_bomb_and_a_file_that_only_claims_to_be_an_image_are_refused_with_422()
    {
        await SaveAsync("hostile/bomb.png", TestImages.PngBomb(20000, 20000));
        await SaveAsync("hostile/text.jpg", "<svg onload=alert(1)>"u8.ToArray());
        var resized = _variants.Resized;

        using var bomb = await _http.GetAsync("/media/hostile/bomb.png?width=100");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bomb.StatusCode);
        Assert.Contains("the image is 20000 × 20000 pixels, more than the 50,000,000 pixels that are resized (ClinicCms:Media:MaxInputPixels)", await bomb.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var text = await _http.GetAsync("/media/hostile/text.jpg?width=100");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, text.StatusCode);
        Assert.Contains("hostile/text.jpg: the file is not a JPEG, PNG, WebP or GIF image", await text.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(resized, _variants.Resized);
    }

    [Fact]
    public async Task Paths_outside_the_media_folder_stay_unreachable_with_parameters()
    {
        foreach (var path in new[] { "/media/../clinic.db?width=100", "/media/..%2fclinic.db?width=100", "/media/%2e%2e/%2e%2e/Sites/Default/clinic.db?width=100",
            "/media/..%2fMediaCache?width=100", "/media/x/..%2f..%2fclinic.png?width=100" })
        {
            using var response = await _http.GetAsync(path);
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{path}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_graphql_media_url_takes_width_height_mode_and_format_and_refuses_unsupported_sizes()
    {
        await SaveAsync("gql/photo.jpg", TestImages.Jpeg(2048, 1536));
        var report = await site.App.RunRecipeAsync(Path.Combine(AppContext.BaseDirectory, "Media", "Files", "gallery.recipe.json"));
        Assert.Equal(1, report.ItemsCreated);
        var graphql = new GraphQL.GraphQLClient(_http);

        var data = await graphql.DataAsync("""
            { gallery { photo { files {
                url
                small: url(width: 480, format: WEBP)
                square: url(width: 160, height: 160, mode: BOXPAD)
                tall: url(height: 600, mode: MAX, format: PNG) } } } }
            """);
        var file = data["gallery"]![0]!["photo"]!["files"]![0]!;
        var version = MediaVariants.VersionOf(new FileInfo(_store.Resolve("gql/photo.jpg")));
        Assert.Equal("/media/gql/photo.jpg", file["url"]!.GetValue<string>());
        Assert.Equal($"/media/gql/photo.jpg?width=480&rmode=crop&format=webp&v={version}", file["small"]!.GetValue<string>());
        Assert.Equal($"/media/gql/photo.jpg?width=160&height=160&rmode=boxpad&v={version}", file["square"]!.GetValue<string>());
        Assert.Equal($"/media/gql/photo.jpg?height=600&rmode=max&format=png&v={version}", file["tall"]!.GetValue<string>());
        using var smallResponse = await _http.GetAsync(file["small"]!.GetValue<string>());
        var small = await smallResponse.Content.ReadAsByteArrayAsync();
        Assert.Equal(("webp", (480, 360)), (TestImages.FormatOf(small), TestImages.Size(small)));
        Assert.Equal(MediaImageServing.ImmutableCaching, smallResponse.Headers.CacheControl?.ToString());

        // A replaced original gets a new version, so a frontend never keeps the old image.
        await ReplaceAsync("gql/photo.jpg", TestImages.Jpeg(1024, 768));
        var replaced = await graphql.DataAsync("{ gallery { photo { files { small: url(width: 480, format: WEBP) } } } }");
        var newVersion = MediaVariants.VersionOf(new FileInfo(_store.Resolve("gql/photo.jpg")));
        Assert.NotEqual(version, newVersion);
        Assert.Equal($"/media/gql/photo.jpg?width=480&rmode=crop&format=webp&v={newVersion}", replaced["gallery"]![0]!["photo"]!["files"]![0]!["small"]!.GetValue<string>());

        var (status, body) = await graphql.PostAsync("{ gallery { photo { files { url(width: 123) } } } }");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = body["errors"]![0]!;
        Assert.Equal("width 123 is not a supported size; supported sizes: 16, 32, 50, 100, 160, 240, 480, 600, 1024, 2048", error["message"]!.GetValue<string>());
        Assert.Equal("ARGUMENT_INPUT_ERROR", error["extensions"]!["code"]!.GetValue<string>());

        var (badMode, modeBody) = await graphql.PostAsync("{ gallery { photo { files { url(width: 160, mode: ZOOM) } } } }");
        Assert.Equal(HttpStatusCode.BadRequest, badMode);
        Assert.Contains("ZOOM", modeBody["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private async Task SaveAsync(string path, byte[] bytes)
    {
        var (saved, error) = await _store.SaveAsync(Path.GetDirectoryName(path), Path.GetFileName(path), new MemoryStream(bytes), bytes.Length);
        Assert.Null(error);
        Assert.Equal(path, saved);
    }

    // As a recipe's media step does: an upload never replaces a file.
    private async Task ReplaceAsync(string path, byte[] bytes)
    {
        var (saved, error) = await site.App.InScopeAsync(sp => _store.ImportAsync(Path.GetDirectoryName(path), Path.GetFileName(path), new MemoryStream(bytes), bytes.Length,
            sp.GetRequiredService<ClinicCms.Content.Media.MediaChanges>(), CancellationToken.None));
        Assert.Null(error);
        Assert.Equal(path, saved);
    }
}

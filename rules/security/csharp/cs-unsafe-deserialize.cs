using System.IO;
using System.Runtime.Serialization.Formatters.Binary;
using System.Web.Script.Serialization;
using Newtonsoft.Json;

public class Loader
{
    public object Load(Stream body)
    {
        // ruleid: cs-unsafe-deserialize
        var formatter = new BinaryFormatter();
        return formatter.Deserialize(body);
    }

    public T FromJson<T>(string json)
    {
        return JsonConvert.DeserializeObject<T>(json, new JsonSerializerSettings
        {
            // ruleid: cs-unsafe-deserialize
            TypeNameHandling = TypeNameHandling.Auto,
        });
    }

    public object Legacy(string json)
    {
        // ruleid: cs-unsafe-deserialize
        var serializer = new JavaScriptSerializer(new SimpleTypeResolver());
        return serializer.DeserializeObject(json);
    }

    public T Safe<T>(string json)
    {
        // ok: cs-unsafe-deserialize
        var settings = new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.None };
        // ok: cs-unsafe-deserialize
        var plain = new JavaScriptSerializer();
        // ok: cs-unsafe-deserialize
        return System.Text.Json.JsonSerializer.Deserialize<T>(json);
    }
}

public class Remoting
{
    public void Serve()
    {
        var props = new Hashtable();
        props["typeFilterLevel"] = "Full";
        // ruleid: cs-unsafe-deserialize
        var sink = new BinaryServerFormatterSinkProvider(props, null);
        var safeProps = new Hashtable();
        safeProps["typeFilterLevel"] = "Low";
        // ok: cs-unsafe-deserialize
        var safe = new BinaryServerFormatterSinkProvider(safeProps, null);
    }
}

// ruleid: cs-unsafe-deserialize
public class AnyTypeResolver : DataContractResolver
{
}

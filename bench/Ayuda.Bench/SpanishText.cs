using System.Text;

namespace Ayuda.Bench;

/// <summary>
/// Spanish help-desk prose for the generated desk: subjects, customers' messages, consultants' answers and notes, made
/// of sentence pools so a million tickets cost little CPU. None of the pools contains the common search word
/// (<see cref="CommonWord"/>) or the rare one (<see cref="RareWord"/>): the generator puts them in on purpose, so their
/// counts are known.
/// </summary>
public static class SpanishText
{
    /// <summary>A word in about a third of the tickets (subject or description).</summary>
    public const string CommonWord = "factura";

    /// <summary>A made-up product code in exactly <see cref="RareTickets"/> tickets.</summary>
    public const string RareWord = "ZK7QUASAR";

    public const int RareTickets = 20;

    public static readonly string[] Subjects =
    [
        "No puedo ingresar al sistema", "Consulta sobre el cierre de mes", "Error al exportar el libro IVA",
        "Alta de usuario nuevo", "Lentitud en la consulta de stock", "Pedido de reporte de ventas por zona",
        "Diferencia en el saldo de caja", "Actualización de versión", "Consulta por licencias", "No sincroniza la base de la sucursal",
        "Error de conexión con el servidor", "Configuración de la impresora fiscal", "Cambio de contraseña del administrador",
        "No se generan los asientos automáticos", "Problema con la liquidación de sueldos", "Consulta por el módulo de compras",
        "Se cuelga al abrir el tablero", "Pedido de capacitación para el equipo", "Migración de datos del sistema anterior",
        "Reclamo por demora en la respuesta", "Sugerencia para la pantalla de pedidos", "No aparecen los remitos del día",
        "Error en el cálculo de percepciones", "Consulta por backup nocturno", "Permisos de usuario en tesorería",
    ];

    /// <summary>Subjects that carry the common word.</summary>
    public static readonly string[] CommonSubjects =
    [
        "No imprime la factura electrónica", "Error al anular una factura", "La factura sale con el CAE vencido",
        "Consulta por factura de crédito MiPyME", "Diferencias entre la factura y el remito", "No envía la factura por correo",
    ];

    private static readonly string[] Openings =
    [
        "Buen día, les escribo porque", "Hola, ¿cómo están? Les cuento que", "Buenas tardes.", "Estimados, nuevamente con un tema:",
        "Hola equipo de soporte,", "Buenos días, disculpen la molestia, pero", "Gracias por la respuesta anterior.",
    ];

    private static readonly string[] Customer =
    [
        "desde esta mañana el sistema muestra un mensaje de error al confirmar la operación y no deja avanzar.",
        "probamos reiniciar el equipo y cerrar la sesión de todos los usuarios, pero el problema sigue igual.",
        "el operador de la sucursal Norte dice que ayer funcionaba bien y hoy ya no, sin que hayamos cambiado nada.",
        "les adjunto la captura de pantalla con el detalle del mensaje que aparece en la ventana.",
        "necesitamos resolverlo antes del cierre porque el contador nos pide los listados el viernes.",
        "la consulta de stock tarda más de un minuto y los vendedores quedan esperando con el cliente en el mostrador.",
        "cuando exportamos el archivo, los importes salen con coma en lugar de punto y el organismo lo rechaza.",
        "en la terminal de caja dos el cierre de turno no coincide con lo que dice el sistema.",
        "el usuario nuevo no ve el menú de compras aunque le asignamos el mismo perfil que al resto.",
        "después de la actualización del fin de semana algunos reportes salen vacíos.",
        "queríamos saber si es posible programar la tarea para que corra de noche sin que nadie esté conectado.",
        "el servidor tiene espacio en disco y la red anda bien, ya lo revisó nuestro técnico.",
        "¿Podrían llamarme al interno 214 cuando tengan un momento? Es más fácil explicarlo por teléfono.",
        "es la tercera vez en el mes que nos pasa y el equipo de administración está bastante preocupado.",
        "les paso el número de versión que figura en la pantalla de ayuda, por si les sirve.",
        "no sabemos si es un error del sistema o si estamos haciendo mal algún paso del procedimiento.",
    ];

    private static readonly string[] Consultant =
    [
        "Gracias por escribirnos. Revisamos la configuración del puesto y encontramos el parámetro que lo provoca.",
        "Para avanzar necesitamos que nos confirmen la versión instalada y si el error aparece en todos los puestos.",
        "Les dejamos los pasos: ingresar a Configuración, Parámetros generales, y desmarcar la opción de validación previa.",
        "Ya aplicamos la corrección en el servidor; por favor prueben nuevamente y nos cuentan cómo les fue.",
        "El comportamiento que describen es conocido y está registrado; R&D está trabajando en la solución.",
        "Coordinamos una conexión remota para mañana a las 10 para revisarlo juntos con el operador.",
        "Les recomendamos correr el proceso de reindexación fuera del horario comercial para no afectar a los usuarios.",
        "Les enviamos el instructivo actualizado con las capturas de cada paso del cierre.",
        "Verificamos los permisos del perfil y faltaba habilitar el módulo; ya quedó resuelto.",
        "Cualquier duda quedamos a disposición. Saludos cordiales, mesa de ayuda.",
    ];

    private static readonly string[] Notes =
    [
        "Hablé con el cliente por teléfono: el problema aparece sólo en la sucursal Norte.",
        "Revisar con R&D si el parámetro de redondeo cambió en la última versión.",
        "El cliente tiene la versión anterior; conviene proponer la actualización antes de seguir.",
        "Se reprodujo en el ambiente de pruebas con la base que enviaron.",
        "Quedamos en volver a llamar el lunes a primera hora.",
        "Consultado con la jefa de implementación: se trata como error, no como consulta de uso.",
    ];

    public static readonly string[] Resolutions =
    [
        "Se corrigió la configuración del puesto y el cliente confirmó que funciona.",
        "Se explicó el procedimiento correcto y se envió el instructivo.",
        "Se aplicó la versión con la corrección y se verificó con el cliente.",
        "Se habilitaron los permisos faltantes en el perfil del usuario.",
        "El cliente confirmó que el problema no volvió a ocurrir.",
    ];

    public static string Subject(Random random, bool common) =>
        common ? CommonSubjects[random.Next(CommonSubjects.Length)] : Subjects[random.Next(Subjects.Length)];

    /// <summary>A customer's message of roughly <paramref name="length"/> characters.</summary>
    public static string FromCustomer(Random random, int length, string? insert = null)
    {
        var text = new StringBuilder(length + 200);
        text.Append(Openings[random.Next(Openings.Length)]).Append(' ');
        Fill(text, random, Customer, length, insert);
        text.Append("\n\nSaludos,");
        return text.ToString();
    }

    public static string FromConsultant(Random random, int length) => Fill(new StringBuilder(length + 200), random, Consultant, length, null).ToString();

    public static string Note(Random random) => Notes[random.Next(Notes.Length)];

    private static StringBuilder Fill(StringBuilder text, Random random, string[] pool, int length, string? insert)
    {
        var inserted = insert is null;
        while (text.Length < length || !inserted)
        {
            text.Append(pool[random.Next(pool.Length)]).Append(' ');
            if (!inserted && random.Next(3) == 0)
            {
                text.Append(insert).Append(' ');
                inserted = true;
            }
            if (random.Next(5) == 0)
            {
                text.Append("\n\n");
            }
        }
        return text;
    }
}
